package io.drover.fmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** YAML as fmf reads it: ruamel.yaml's safe loader, YAML 1.2 core schema (spec §1.5). */
@SuppressWarnings("unchecked")
class FmfYamlTest {
    private static final String LABEL = "tests/main.fmf";

    private static Object parse(String text) {
        return FmfYaml.parse(text, LABEL);
    }

    /** The value of key {@code a} in a one-line document {@code a: <scalar>}. */
    private static Object scalar(String yaml) {
        return ((Map<String, Object>) parse("a: " + yaml)).get("a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "no", "on", "Off", "y", "n", "Yes", "NO", "ON"})
    void yesNoOnOffAndYStayStrings(String word) {
        assertThat(scalar(word)).isEqualTo(word);
    }

    @Test
    void trueAndFalseInTheThreeCoreSpellingsAreBooleans() {
        assertThat(scalar("true")).isEqualTo(true);
        assertThat(scalar("True")).isEqualTo(true);
        assertThat(scalar("TRUE")).isEqualTo(true);
        assertThat(scalar("false")).isEqualTo(false);
        assertThat(scalar("False")).isEqualTo(false);
        assertThat(scalar("FALSE")).isEqualTo(false);
        assertThat(scalar("tRUE")).isEqualTo("tRUE");
    }

    @Test
    void tildeNullAndEmptyAreNull() {
        Map<String, Object> map = (Map<String, Object>) parse("a: ~\nb: null\nc: Null\nd: NULL\ne:\n");
        assertThat(map).containsOnlyKeys("a", "b", "c", "d", "e");
        assertThat(map.values()).containsOnlyNulls();
    }

    @Test
    void leadingZeroIsStillDecimal() {
        assertThat(scalar("017")).isEqualTo(17L);
        assertThat(scalar("019")).isEqualTo(19L);
    }

    @Test
    void octalHexBinaryAndUnderscoreIntegers() {
        assertThat(scalar("0o17")).isEqualTo(15L);
        assertThat(scalar("0x1F")).isEqualTo(31L);
        assertThat(scalar("-0x1F")).isEqualTo(-31L);
        assertThat(scalar("0b101")).isEqualTo(5L);
        assertThat(scalar("1_000")).isEqualTo(1000L);
        assertThat(scalar("+12")).isEqualTo(12L);
        assertThat(scalar("0o19")).isEqualTo("0o19");
    }

    @Test
    void integersBeyondLongStayExact() {
        assertThat(scalar("123456789012345678901234567890"))
                .isEqualTo(new BigInteger("123456789012345678901234567890"));
    }

    @Test
    void decimalPointExponentAndInfinityMakeFloats() {
        assertThat(scalar("7.0")).isEqualTo(7.0);
        assertThat(scalar("1e3")).isEqualTo(1000.0);
        assertThat(scalar("1.0e+3")).isEqualTo(1000.0);
        assertThat(scalar("1.")).isEqualTo(1.0);
        assertThat(scalar(".5")).isEqualTo(0.5);
        assertThat(scalar(".inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(scalar("-.Inf")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat((Double) scalar(".nan")).isNaN();
    }

    @Test
    void exponentAfterALeadingDotNeedsASign() {
        assertThat(scalar(".5e+3")).isEqualTo(500.0);
        assertThat(scalar(".5e3")).isEqualTo(".5e3");
    }

    @Test
    void isoDateIsALocalDate() {
        assertThat(scalar("2001-12-14")).isEqualTo(LocalDate.of(2001, 12, 14));
    }

    @Test
    void dateWithOneDigitMonthOrDayStaysAString() {
        assertThat(scalar("2001-1-14")).isEqualTo("2001-1-14");
        assertThat(scalar("2001-12-4")).isEqualTo("2001-12-4");
    }

    @Test
    void impossibleDateIsAFileError() {
        assertThatThrownBy(() -> parse("a: 1\nday: 2001-02-30"))
                .isInstanceOf(FmfFileException.class)
                .hasMessageContaining(LABEL + ":2:")
                .hasMessageContaining("2001-02-30");
    }

    @Test
    void timestampIsANaiveDateTimeMovedToUtc() {
        assertThat(scalar("2001-12-14t21:59:43.10-05:00")).isEqualTo(LocalDateTime.of(2001, 12, 15, 2, 59, 43, 100_000_000));
        assertThat(scalar("2001-12-14 21:59:43.10 +1")).isEqualTo(LocalDateTime.of(2001, 12, 14, 20, 59, 43, 100_000_000));
        assertThat(scalar("2001-12-14 21:59:43.10 Z")).isEqualTo(LocalDateTime.of(2001, 12, 14, 21, 59, 43, 100_000_000));
        assertThat(scalar("2001-1-4 1:02:03")).isEqualTo(LocalDateTime.of(2001, 1, 4, 1, 2, 3));
    }

    @Test
    void timestampKeepsMicrosecondsRoundedOnTheSeventhDigit() {
        assertThat(scalar("2001-12-14 21:59:43.1234565")).isEqualTo(LocalDateTime.of(2001, 12, 14, 21, 59, 43, 123_457_000));
        assertThat(scalar("2001-12-14 21:59:43.9999999")).isEqualTo(LocalDateTime.of(2001, 12, 14, 21, 59, 44));
    }

    @Test
    void unitsAndQuotedScalarsStayStrings() {
        assertThat(scalar("3m")).isEqualTo("3m");
        assertThat(scalar("'7'")).isEqualTo("7");
        assertThat(scalar("\"true\"")).isEqualTo("true");
        assertThat(scalar("'null'")).isEqualTo("null");
        assertThat(scalar("'~'")).isEqualTo("~");
        assertThat(scalar("\"2001-12-14\"")).isEqualTo("2001-12-14");
        assertThat(scalar("|\n  17\n")).isEqualTo("17\n");
    }

    @Test
    void explicitTagsDecideTheType() {
        assertThat(scalar("!!str 17")).isEqualTo("17");
        assertThat(scalar("!!float 1")).isEqualTo(1.0);
        assertThat(scalar("!!int \"17\"")).isEqualTo(17L);
        assertThatThrownBy(() -> parse("a: !custom x")).isInstanceOf(FmfFileException.class)
                .hasMessageContaining(LABEL + ":1:4");
    }

    @Test
    void plainEqualsSignCannotBeLoadedButWorksAsAKey() {
        // ruamel resolves a plain '=' to tag:yaml.org,2002:value, which its safe loader cannot build
        assertThatThrownBy(() -> parse("a: =")).isInstanceOf(FmfFileException.class)
                .hasMessageContaining(LABEL + ":1:4");
        assertThat(parse("=: 1")).isEqualTo(Map.of("=", 1L));
        assertThat(scalar("'='")).isEqualTo("=");
    }

    @Test
    void keysAreStringsAndANullKeyStaysNull() {
        Map<String, Object> map = (Map<String, Object>) parse("1: a\n1.5: b\ntrue: c\n~: d");
        assertThat(map.keySet()).containsExactly("1", "1.5", "True", null);
    }

    @Test
    void duplicateKeyNamesFileLineColumnAndKey() {
        assertThatThrownBy(() -> parse("summary: one\ntag: x\nsummary: two\n"))
                .isInstanceOf(FmfFileException.class)
                .hasMessageContaining(LABEL + ":3:1")
                .hasMessageContaining("'summary'");
    }

    @Test
    void duplicateNestedKeyReportsItsOwnLine() {
        assertThatThrownBy(() -> parse("/child:\n    test: a\n    test: b\n"))
                .isInstanceOf(FmfFileException.class)
                .hasMessageContaining(LABEL + ":3:5")
                .hasMessageContaining("'test'");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "tag: [one, two\n",
        "a:\n  b: 1\n c: 2\n",
        "a: {b: 1\n",
        "a: 'unclosed\n",
        "- a\nb: 1\n",
        "a: @x\n",
        "a: \"\\q\"\n",
        "a: *undefined\n",
        "a: 1\n---\nb: 2\n",
    })
    void syntaxErrorIsOneLineWithLabelAndLine(String text) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(FmfFileException.class)
                .satisfies(e -> assertThat(e.getMessage())
                        .doesNotContain("\n")
                        .matches("\\Q" + LABEL + "\\E:\\d+:\\d+: .+"));
    }

    @Test
    void unclosedBracketPointsAtTheEnd() {
        assertThatThrownBy(() -> parse("summary: x\ntag: [one, two\n"))
                .hasMessageStartingWith(LABEL + ":3:1: ");
    }

    @Test
    void emptyOrCommentOnlyTextIsNull() {
        assertThat(parse("")).isNull();
        assertThat(parse("# nothing here\n\n")).isNull();
        assertThat(parse("---\n")).isNull();
    }

    @Test
    void topLevelScalarsAndListsAreReturnedAsThey() {
        assertThat(parse("just text")).isEqualTo("just text");
        assertThat(parse("- 1\n- two")).isEqualTo(List.of(1L, "two"));
    }

    @Test
    void mappingKeysKeepDocumentOrder() {
        Map<String, Object> map = (Map<String, Object>) parse("zeta: 1\nalpha: 2\nmid: 3\n/child:\n  b: 1\n  a: 2\n");
        assertThat(map.keySet()).containsExactly("zeta", "alpha", "mid", "/child");
        assertThat(((Map<String, Object>) map.get("/child")).keySet()).containsExactly("b", "a");
    }

    @Test
    void lineOfGivesTheOneBasedLineOfAKey() {
        Map<String, Object> map = (Map<String, Object>) parse("# comment\nsummary: x\n\n/child:\n    test: y\n");
        assertThat(FmfYaml.lineOf(map, "summary")).isEqualTo(2);
        assertThat(FmfYaml.lineOf(map, "/child")).isEqualTo(4);
        assertThat(FmfYaml.lineOf((Map<String, Object>) map.get("/child"), "test")).isEqualTo(5);
        assertThat(FmfYaml.lineOf(map, "missing")).isZero();
        assertThat(FmfYaml.lineOf(Map.of("summary", "x"), "summary")).isZero();
    }

    @Test
    void aliasesRepeatTheAnchoredValue() {
        Map<String, Object> map = (Map<String, Object>) parse("base: &tags [a, b]\nother: *tags\nscalar: &s x\nagain: *s\n");
        assertThat(map.get("other")).isEqualTo(List.of("a", "b"));
        assertThat(map.get("again")).isEqualTo("x");
    }

    @Test
    void aliasedCollectionsAreIndependentCopies() {
        Map<String, Object> map = (Map<String, Object>) parse("a: &x {k: [1]}\nb: *x\n");
        List<Object> first = (List<Object>) ((Map<String, Object>) map.get("a")).get("k");
        first.add(2L);
        assertThat(((Map<String, Object>) map.get("b")).get("k")).isEqualTo(List.of(1L));
    }

    @Test
    void recursiveAliasIsAFileError() {
        assertThatThrownBy(() -> parse("a: &x [1, *x]\n"))
                .isInstanceOf(FmfFileException.class)
                .hasMessageContaining(LABEL + ":1:");
    }

    @Test
    void complexKeyIsAFileError() {
        assertThatThrownBy(() -> parse("? [a, b]\n: 1\n"))
                .isInstanceOf(FmfFileException.class)
                .hasMessageContaining(LABEL + ":1:3");
    }

    @Test
    void mergeKeyBringsInAnchoredKeysAndOwnKeysWin() {
        Map<String, Object> map = (Map<String, Object>) parse("base: &base {how: fmf, url: x}\n/plan:\n    <<: *base\n    url: y\n");
        assertThat(map.get("/plan")).isEqualTo(Map.of("how", "fmf", "url", "y"));
    }

    @Test
    void mergedKeysComeFirstAsInRuamel() {
        Map<String, Object> map = (Map<String, Object>) parse("b: &b {x: 1, y: 2}\nc:\n  z: 0\n  <<: *b\n  x: 3\n");
        Map<String, Object> c = (Map<String, Object>) map.get("c");
        assertThat(c.keySet()).containsExactly("x", "y", "z");
        assertThat(c.values()).containsExactly(3L, 2L, 0L);
        assertThat(FmfYaml.lineOf(c, "y")).isEqualTo(1);
        assertThat(FmfYaml.lineOf(c, "x")).isEqualTo(5);
    }

    @Test
    void mergeListGivesTheEarlierMappingPrecedence() {
        Map<String, Object> map = (Map<String, Object>) parse("b: &b {x: 1, y: 2}\nd: &d {y: 5, w: 6}\nc:\n  <<: [*b, *d]\n  z: 0\n");
        Map<String, Object> c = (Map<String, Object>) map.get("c");
        assertThat(c.keySet()).containsExactly("y", "w", "x", "z");
        assertThat(c.get("y")).isEqualTo(2L);
    }

    @Test
    void mappingWithAMergeKeyIsNotCheckedForDuplicates() {
        Map<String, Object> map = (Map<String, Object>) parse("b: &b {x: 1}\nc:\n  y: 0\n  <<: *b\n  y: 3\n");
        assertThat(map.get("c")).isEqualTo(Map.of("x", 1L, "y", 3L));
    }

    @Test
    void secondMergeKeyIsADuplicate() {
        assertThatThrownBy(() -> parse("b: &b {x: 1}\nc:\n  <<: *b\n  <<: {y: 1}\n"))
                .isInstanceOf(FmfFileException.class)
                .hasMessageContaining(LABEL + ":4:3")
                .hasMessageContaining("'<<'");
    }

    @Test
    void mergeKeyNeedsMappings() {
        assertThatThrownBy(() -> parse("c:\n  <<: 5\n")).isInstanceOf(FmfFileException.class)
                .hasMessageContaining(LABEL + ":2:");
        assertThatThrownBy(() -> parse("c:\n  <<: [5]\n")).isInstanceOf(FmfFileException.class);
    }

    @Test
    void quotedMergeKeyIsAnOrdinaryKey() {
        assertThat(parse("'<<': 5")).isEqualTo(Map.of("<<", 5L));
    }

    @Test
    void byteOrderMarkIsIgnored() {
        assertThat(parse("\uFEFFa: 1")).isEqualTo(Map.of("a", 1L));
    }
}
