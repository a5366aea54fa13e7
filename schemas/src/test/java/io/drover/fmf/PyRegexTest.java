package io.drover.fmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Python {@code re} behaviour (expected values were taken from CPython 3.11). */
class PyRegexTest {

    @Test
    void searchFindsAMatchAnywhere() {
        assertThat(PyRegex.search("Tier[12]", "tags: Tier2")).isTrue();
        assertThat(PyRegex.search("Tier3", "tags: Tier2")).isFalse();
    }

    @Test
    void matchIsAnchoredAtTheStartOnly() {
        assertThat(PyRegex.match("a", "ab")).isTrue();
        assertThat(PyRegex.match("b", "ab")).isFalse();
        assertThat(PyRegex.match("a", "abc")).isTrue();
    }

    @Test
    void subReplacesEveryMatch() {
        assertThat(PyRegex.sub("o", "0", "foo boo")).isEqualTo("f00 b00");
        assertThat(PyRegex.sub("x", "y", "abc")).isEqualTo("abc");
    }

    @Test
    void backslashNumberInsertsAGroup() {
        assertThat(PyRegex.sub("Tier(.)", "t\\1", "Tier1 Tier2")).isEqualTo("t1 t2");
    }

    @Test
    void gBracketTakesAGroupNumberOrName() {
        assertThat(PyRegex.sub("(\\d)", "\\g<1>0", "a1")).isEqualTo("a10");
        assertThat(PyRegex.sub("(?P<num>\\d)", "<\\g<num>>", "a1b2")).isEqualTo("a<1>b<2>");
        assertThat(PyRegex.sub("b+", "[\\g<0>]", "abbc")).isEqualTo("a[bb]c");
    }

    @Test
    void twoDigitGroupNumbersAreRead() {
        String twelveGroups = "(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)(l)";
        assertThat(PyRegex.sub(twelveGroups, "\\12\\1", "abcdefghijkl")).isEqualTo("la");
    }

    @Test
    void groupThatDidNotTakePartGivesAnEmptyString() {
        assertThat(PyRegex.sub("(a)|(b)", "[\\2]", "ab")).isEqualTo("[][b]");
    }

    @Test
    void replacementEscapesAreInterpreted() {
        assertThat(PyRegex.sub("x", "\\n\\t\\\\", "x")).isEqualTo("\n\t\\");
        assertThat(PyRegex.sub("x", "\\a\\b\\f\\v\\r", "x")).isEqualTo("\u0007\b\f\u000b\r");
    }

    @Test
    void unknownNonLetterEscapeIsKeptWithItsBackslash() {
        assertThat(PyRegex.sub("x", "\\-", "x")).isEqualTo("\\-");
        assertThat(PyRegex.sub("x", "a$1", "x")).isEqualTo("a$1");
    }

    @Test
    void octalEscapesInReplacement() {
        assertThat(PyRegex.sub("x", "\\0", "x")).isEqualTo("\0");
        assertThat(PyRegex.sub("x", "\\012", "x")).isEqualTo("\n");
        assertThat(PyRegex.sub("(x)", "\\101", "x")).isEqualTo("A");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\q", "\\x41", "\\2", "\\10", "\\g<name>", "\\g<2>", "\\g<>", "\\g1", "\\g<1", "\\", "\\g<a-b>"})
    void badReplacementIsAnInvalidRegex(String replacement) {
        assertThatThrownBy(() -> PyRegex.sub("(x)", replacement, "x")).isInstanceOf(InvalidRegexException.class);
    }

    @Test
    void replacementIsCheckedEvenWithoutAMatch() {
        assertThatThrownBy(() -> PyRegex.sub("x", "\\q", "abc")).isInstanceOf(InvalidRegexException.class);
    }

    @Test
    void emptyMatchesAreReplacedAsInPython37AndLater() {
        assertThat(PyRegex.sub("x*", "-", "abxd")).isEqualTo("-a-b--d-");
        assertThat(PyRegex.sub("", "-", "ab")).isEqualTo("-a-b-");
        assertThat(PyRegex.sub("\\b", "|", "ab cd")).isEqualTo("|ab| |cd|");
        assertThat(PyRegex.sub("^", ">", "ab")).isEqualTo(">ab");
        assertThat(PyRegex.sub("$", "<", "ab\n")).isEqualTo("ab<\n<");
    }

    @Test
    void afterAnEmptyMatchANonEmptyOneAtTheSamePlaceIsTaken() {
        assertThat(PyRegex.sub("|a", "X", "a")).isEqualTo("XXX");
        assertThat(PyRegex.sub("|a", "", "aba")).isEqualTo("b");
        assertThat(PyRegex.sub("a{,2}?", "X", "aa")).isEqualTo("XXXXX");
        assertThat(PyRegex.sub("a??", "<\\g<0>>", "baa")).isEqualTo("<>b<><a><><a><>");
        assertThat(PyRegex.sub("x*?", "-", "axxb")).isEqualTo("-a-----b-");
        assertThat(PyRegex.sub("(?=a)|a", "X", "aa")).isEqualTo("XXXX");
    }

    @Test
    void namedGroupsMayUseUnderscoresAndUnicodeLetters() {
        assertThat(PyRegex.sub("(?P<my_group>\\w+)", "[\\g<my_group>]", "héllo wörld")).isEqualTo("[héllo] [wörld]");
        assertThat(PyRegex.sub("(?P<é>x)", "\\g<é>\\g<é>", "x")).isEqualTo("xx");
    }

    @Test
    void namedBackreference() {
        assertThat(PyRegex.search("(?P<x>a)(?P=x)", "aa")).isTrue();
        assertThat(PyRegex.search("(?P<x>a)(?P=x)", "ab")).isFalse();
        assertThat(PyRegex.sub("(?P<x>a)(?P=x)", "X", "aab")).isEqualTo("Xb");
    }

    @Test
    void numberedBackreferenceIsNotExtendedByAFollowingDigit() {
        assertThat(PyRegex.search("(a)\\1", "aa")).isTrue();
        assertThat(PyRegex.search("(a)(?:\\1)0", "aa0")).isTrue();
    }

    @Test
    void capitalZIsTheVeryEnd() {
        assertThat(PyRegex.search("a\\Z", "a")).isTrue();
        assertThat(PyRegex.search("a\\Z", "a\n")).isFalse();
        assertThat(PyRegex.search("a$", "a\n")).isTrue();
    }

    @Test
    void braceThatIsNotAQuantifierIsLiteral() {
        assertThat(PyRegex.sub("a{", "X", "a{b")).isEqualTo("Xb");
        assertThat(PyRegex.sub("a{}", "X", "a{}")).isEqualTo("X");
        assertThat(PyRegex.sub("a{b}", "X", "a{b}")).isEqualTo("X");
        assertThat(PyRegex.sub("a{1,x}", "X", "a{1,x}")).isEqualTo("X");
        assertThat(PyRegex.search("}", "a}")).isTrue();
    }

    @Test
    void quantifierMayOmitItsMinimum() {
        assertThat(PyRegex.sub("a{,2}", "X", "aaab")).isEqualTo("XXXbX");
        assertThat(PyRegex.sub("a{,}", "X", "aaab")).isEqualTo("XXbX");
        assertThat(PyRegex.sub("a{2}", "X", "aaab")).isEqualTo("Xab");
        assertThat(PyRegex.sub("a{2,}", "X", "aaab")).isEqualTo("Xb");
        assertThat(PyRegex.search("x{1,3}?", "xx")).isTrue();
    }

    @Test
    void bracketInsideAClassIsLiteral() {
        assertThat(PyRegex.sub("[[]", "X", "a[b")).isEqualTo("aXb");
        assertThat(PyRegex.search("[[:alpha:]]", "a]")).isTrue();
        assertThat(PyRegex.search("[[:alpha:]]", "a")).isFalse();
    }

    @Test
    void closingBracketFirstInAClassIsLiteral() {
        assertThat(PyRegex.sub("[]a]", "X", "]a")).isEqualTo("XX");
        assertThat(PyRegex.sub("[^]a]", "X", "]ab")).isEqualTo("]aX");
    }

    @Test
    void ampersandsAndOtherJavaClassSyntaxAreLiteral() {
        assertThat(PyRegex.sub("[a&&b]", "X", "a&bc")).isEqualTo("XXXc");
        assertThat(PyRegex.sub("[a-c-]", "X", "b-d")).isEqualTo("XXd");
        assertThat(PyRegex.sub("[\\d.]", "X", "1.a")).isEqualTo("XXa");
    }

    @Test
    void dotAndDollarKnowOnlyNewlineAsALineEnd() {
        assertThat(PyRegex.search("a.b", "a\rb")).isTrue();
        assertThat(PyRegex.search("a.b", "a\u2028b")).isTrue();
        assertThat(PyRegex.search("a.b", "a\nb")).isFalse();
        assertThat(PyRegex.search("b$", "ab\r\n")).isFalse();
        assertThat(PyRegex.search("b$", "ab\n")).isTrue();
        assertThat(PyRegex.search("(?s)a.b", "a\nb")).isTrue();
        assertThat(PyRegex.sub("(?m)^x", "y", "x\nx")).isEqualTo("y\ny");
    }

    @Test
    void characterEscapesMeanWhatTheyMeanInPython() {
        assertThat(PyRegex.search("\\v", "a\u000bb")).isTrue();
        assertThat(PyRegex.search("\\v", "a\nb")).isFalse();
        assertThat(PyRegex.search("\\0", "\0")).isTrue();
        assertThat(PyRegex.search("\\101", "A")).isTrue();
        assertThat(PyRegex.search("[\\b]", "\b")).isTrue();
        assertThat(PyRegex.search("\\a", "\u0007")).isTrue();
        assertThat(PyRegex.search("\\x41", "A")).isTrue();
        assertThat(PyRegex.search("\\u00e9", "é")).isTrue();
        assertThat(PyRegex.search("\\U0001F600", "😀")).isTrue();
        assertThat(PyRegex.search("\\N{LATIN SMALL LETTER E WITH ACUTE}", "é")).isTrue();
        assertThat(PyRegex.search("\\é", "é")).isTrue();
        assertThat(PyRegex.search("a\\.b", "a.b")).isTrue();
        assertThat(PyRegex.search("a\\.b", "axb")).isFalse();
    }

    @Test
    void wordAndDigitClassesAreUnicode() {
        assertThat(PyRegex.search("^\\w+$", "héllo")).isTrue();
        assertThat(PyRegex.search("\\d", "٣")).isTrue();
        assertThat(PyRegex.search("(?u)\\w", "é")).isTrue();
    }

    @Test
    void asciiFlagLimitsWordToAscii() {
        assertThat(PyRegex.search("(?a)\\w", "é")).isFalse();
        assertThat(PyRegex.search("(?a)\\w", "e")).isTrue();
    }

    @Test
    void caseInsensitiveFlagAlsoFoldsNonAscii() {
        assertThat(PyRegex.search("(?i)FEDORA", "fedora")).isTrue();
        assertThat(PyRegex.search("(?i)É", "é")).isTrue();
        assertThat(PyRegex.search("(?i:a)b", "Ab")).isTrue();
        assertThat(PyRegex.search("(?i:a)b", "AB")).isFalse();
    }

    @Test
    void commentGroupsAreIgnored() {
        assertThat(PyRegex.sub("(?#a comment (with [brackets)a", "X", "ba")).isEqualTo("bX");
    }

    @Test
    void verboseFlagIgnoresWhitespaceAndComments() {
        assertThat(PyRegex.sub("(?x) a  b # comment with ( and [\n c", "X", "abc")).isEqualTo("X");
        assertThat(PyRegex.search("(?x)[ ]", " ")).isTrue();
        assertThat(PyRegex.search("(?x)a\\ b", "a b")).isTrue();
    }

    @Test
    void lookaroundAtomicAndPossessiveConstructsWork() {
        assertThat(PyRegex.sub("a(?=b)", "X", "abac")).isEqualTo("Xbac");
        assertThat(PyRegex.sub("(?<!x)a", "X", "xaa")).isEqualTo("xaX");
        assertThat(PyRegex.search("(?>a+)b", "aab")).isTrue();
        assertThat(PyRegex.search("a++a", "aa")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\h", "\\e", "\\p{L}", "\\R", "\\X", "\\G", "\\Qa\\E", "\\k<x>", "\\i"})
    void javaOnlyEscapesAreInvalidAsInPython(String pattern) {
        assertThatThrownBy(() -> PyRegex.compile(pattern)).isInstanceOf(InvalidRegexException.class)
                .hasMessageContaining("bad escape");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "(", ")", "[", "[a", "a{2,1}", "*a", "a**", "x{2}{3}", "a*{2}", "a?+*", "(?<n>a)", "a(?i)", "(?:(?i)a)", "(a)\\2", "(a\\1)",
        "(?P<1a>x)", "(?P<a>x)(?P<a>y)", "\\8", "(?P=missing)", "(?P<a", "\\x4", "\\u12", "[\\Z]", "[\\A]",
        "[\\d-z]", "[z-a]", "(?L)a", "(?-u:a)", "(?Pa)", "(?#unclosed", "\\N{NO SUCH CHARACTER}", "a\\",
    })
    void invalidPatternRaisesInvalidRegex(String pattern) {
        assertThatThrownBy(() -> PyRegex.search(pattern, "a")).isInstanceOf(InvalidRegexException.class)
                .hasMessageContaining(pattern);
    }

    @Test
    void globalFlagsAreAcceptedOnlyAtTheStart() {
        assertThat(PyRegex.search("(?i)(?m)A", "a")).isTrue();
        assertThat(PyRegex.search("(?#note)(?i)A", "a")).isTrue();
    }

    @Test
    void compiledPatternIsTheSameForTheSameSource() {
        assertThat(PyRegex.compile("Tier(.)")).isSameAs(PyRegex.compile("Tier(.)"));
    }
}
