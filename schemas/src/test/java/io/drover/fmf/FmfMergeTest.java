package io.drover.fmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** fmf's merge operators ({@code _merge_special}, spec §2.2), quirks included. */
class FmfMergeTest {
    private static final String WHERE = "/tests/smoke";

    /** A mutable, ordered map: merging changes the data in place. */
    private static Map<String, Object> dict(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static List<Object> list(Object... items) {
        return new ArrayList<>(Arrays.asList(items));
    }

    private static Map<String, Object> merge(Map<String, Object> data, Map<String, Object> source) {
        FmfMerge.mergeInto(data, source, WHERE);
        return data;
    }

    @Test
    void plainKeyReplacesTheWholeValue() {
        Map<String, Object> data = dict("execute", dict("how", "tmt", "script", "a"), "tag", list("x"));
        merge(data, dict("execute", dict("script", "b"), "tag", list("y")));
        assertThat(data).isEqualTo(dict("execute", dict("script", "b"), "tag", list("y")));
    }

    @Test
    void plainKeyKeepsItsPositionWhenReplaced() {
        Map<String, Object> data = dict("a", 1L, "b", 2L);
        merge(data, dict("c", 3L, "a", 4L));
        assertThat(data.keySet()).containsExactly("a", "b", "c");
    }

    @Test
    void plusOnAMissingKeySetsTheValueWithNestedSuffixesKept() {
        Map<String, Object> data = merge(dict(), dict("undefined+", dict("deeper+", dict("key", "value"))));
        assertThat(data).isEqualTo(dict("undefined", dict("deeper+", dict("key", "value"))));
    }

    @Test
    void plusConcatenatesStringsWithoutASeparator() {
        Map<String, Object> data = merge(dict("description", "General description"),
                dict("description+", "Specific description"));
        assertThat(data).containsEntry("description", "General descriptionSpecific description");
    }

    @Test
    void plusExtendsAList() {
        Map<String, Object> data = merge(dict("tags", list("Tier1", "Tier2")), dict("tags+", list("Tier3")));
        assertThat(data).containsEntry("tags", List.of("Tier1", "Tier2", "Tier3"));
    }

    @Test
    void prependPutsTheValueFirst() {
        Map<String, Object> data = merge(dict("tags", list("Tier1", "Tier2"), "summary", "world"),
                dict("tags+<", list("Tier0"), "summary+<", "hello "));
        assertThat(data).containsEntry("tags", List.of("Tier0", "Tier1", "Tier2"))
                .containsEntry("summary", "hello world");
    }

    @Test
    void prependThenAppendApplyInKeyOrder() {
        Map<String, Object> data = merge(dict("tags", list("Tier1", "Tier2")),
                dict("tags+<", list("Tier0"), "tags+", list("Tier3")));
        assertThat(data).containsEntry("tags", List.of("Tier0", "Tier1", "Tier2", "Tier3"));
    }

    @Test
    void plusAddsNumbers() {
        Map<String, Object> data = merge(dict("time", 3L, "ratio", 1L, "flag", true),
                dict("time+", 2L, "ratio+", 0.5, "flag+", 1L));
        assertThat(data).containsEntry("time", 5L).containsEntry("ratio", 1.5).containsEntry("flag", 2L);
    }

    @Test
    void plusMergesDictsRecursivelyWhereNestedPlainKeysReplace() {
        Map<String, Object> data = dict("environment", dict("A", "1", "PKGS", list("x")));
        merge(data, dict("environment+", dict("B", "2", "PKGS", list("y"))));
        assertThat(data).containsEntry("environment", dict("A", "1", "PKGS", list("y"), "B", "2"));
    }

    @Test
    void nestedSuffixesMergeInsideADictMerge() {
        // examples/merge /parent/buried
        Map<String, Object> data = dict("very", dict("deep", dict("dict", dict("x", 1L, "y", 2L, "z", 5L))));
        merge(data, dict("very+", dict("deep+", dict("dict+", dict("x+", 1L, "y-", 1L, "z", 0L)))));
        assertThat(data).isEqualTo(dict("very", dict("deep", dict("dict", dict("x", 2L, "y", 1L, "z", 0L)))));
    }

    @Test
    void plusWithADictMergesItIntoEveryListItem() {
        Map<String, Object> data = dict("discover", list(dict("how", "fmf", "summary", "a"), dict("how", "shell")));
        merge(data, dict("discover+", dict("summary+", "!", "url", "u")));
        assertThat(data).containsEntry("discover", List.of(
                dict("how", "fmf", "summary", "a!", "url", "u"),
                dict("how", "shell", "summary", "!", "url", "u")));
    }

    @Test
    void plusWithADictNeedsDictListItems() {
        Map<String, Object> data = dict("discover", list(dict("how", "fmf"), "oops"));
        assertThatThrownBy(() -> merge(data, dict("discover+", dict("url", "u"))))
                .isInstanceOf(MergeException.class)
                .hasMessage("MergeError: Item 'oops' in " + WHERE + " must be a dictionary.");
    }

    @Test
    void plusWithAListTurnsADictIntoAListOfMergedCopies() {
        Map<String, Object> data = dict("discover", dict("how", "fmf"));
        merge(data, dict("discover+", list(dict("summary", "upstream"), dict("summary", "downstream", "how+", "!"))));
        assertThat(data).containsEntry("discover", List.of(
                dict("how", "fmf", "summary", "upstream"),
                dict("how", "fmf!", "summary", "downstream")));
    }

    @Test
    void plusWithAListOfNonDictsIntoADictIsAMergeError() {
        assertThatThrownBy(() -> merge(dict("discover", dict("how", "fmf")), dict("discover+", list("x"))))
                .isInstanceOf(MergeException.class)
                .hasMessageContaining("Item 'x' in " + WHERE);
    }

    @Test
    void plusOnIncompatibleTypesIsAMergeErrorWithPythonsMessage() {
        assertThatThrownBy(() -> merge(dict("summary", "x"), dict("summary+", 1L)))
                .isInstanceOf(MergeException.class)
                .hasMessage("MergeError: Key 'summary' in " + WHERE + " (can only concatenate str (not \"int\") to str).");
        assertThatThrownBy(() -> merge(dict("time", 1L), dict("time+", list(1L))))
                .isInstanceOf(MergeException.class)
                .hasMessage("MergeError: Key 'time' in " + WHERE + " (unsupported operand type(s) for +: 'int' and 'list').");
        assertThatThrownBy(() -> merge(dict("tag", list()), dict("tag+<", "x")))
                .isInstanceOf(MergeException.class)
                .hasMessage("MergeError: Key 'tag' in " + WHERE + " (can only concatenate str (not \"list\") to str).");
        assertThatThrownBy(() -> merge(dict("tag", null), dict("tag+", list("x"))))
                .isInstanceOf(MergeException.class)
                .hasMessageContaining("'NoneType' and 'list'");
    }

    @Test
    void suffixIsStrippedWithRstripSemantics() {
        assertThat(merge(dict("a", "x"), dict("a++", "y"))).isEqualTo(dict("a", "xy"));
        assertThat(merge(dict("x", list("ab", "cd")), dict("x~-~", "a"))).isEqualTo(dict("x", list("cd")));
        assertThat(merge(dict("a", list(1L)), dict("a+<+<", list(0L)))).isEqualTo(dict("a", list(0L, 1L)));
        // ends with '+' first, so only '+' characters are stripped: the base key is 'a+<'
        assertThat(merge(dict(), dict("a+<+", "v"))).isEqualTo(dict("a+<", "v"));
    }

    @Test
    void keyEndingInLessThanWithoutPlusIsAPlainKey() {
        assertThat(merge(dict("a", "x"), dict("a<", "y"))).isEqualTo(dict("a", "x", "a<", "y"));
    }

    @Test
    void minusOnAMissingKeyDoesNothing() {
        assertThat(merge(dict(), dict("time-", 2L, "tag-", list("x")))).isEmpty();
    }

    @Test
    void minusSubtractsNumbersOfTheSameType() {
        assertThat(merge(dict("time", 5L), dict("time-", 2L))).isEqualTo(dict("time", 3L));
        assertThat(merge(dict("ratio", 1.5), dict("ratio-", 0.5))).isEqualTo(dict("ratio", 1.0));
    }

    @Test
    void minusOnIntAndFloatIsWrongType() {
        assertThatThrownBy(() -> merge(dict("time", 5L), dict("time-", 0.5)))
                .isInstanceOf(MergeException.class)
                .hasMessage("MergeError: Key 'time' in " + WHERE + " (wrong type).");
        assertThatThrownBy(() -> merge(dict("time", 5.0), dict("time-", 1L))).isInstanceOf(MergeException.class);
        assertThatThrownBy(() -> merge(dict("flag", true), dict("flag-", true))).isInstanceOf(MergeException.class);
    }

    @Test
    void minusOnStringsRemovesEveryRegexMatch() {
        assertThat(merge(dict("description", "General description"), dict("description-", "desc.*")))
                .isEqualTo(dict("description", "General "));
        assertThat(merge(dict("s", "a1b2c3"), dict("s-", "\\d"))).isEqualTo(dict("s", "abc"));
    }

    @Test
    void minusOnListsRemovesItemsEqualInPython() {
        Map<String, Object> data = merge(dict("tag", list(1L, 2.0, true, "a", "1")), dict("tag-", list(1.0, 2L)));
        assertThat(data).isEqualTo(dict("tag", list("a", "1")));
    }

    @Test
    void minusWithAListRemovesDictKeysAndIgnoresMissingOnes() {
        Map<String, Object> data = merge(dict("environment", dict("A", "1", "B", "2")), dict("environment-", list("A", "C")));
        assertThat(data).isEqualTo(dict("environment", dict("B", "2")));
    }

    @Test
    void minusOnMismatchedTypesIsWrongType() {
        for (Object[] pair : new Object[][] {{list("a"), "a"}, {"abc", list("a")}, {3L, "bad"}, {dict("a", 1L), "a"}, {null, 1L}}) {
            assertThatThrownBy(() -> merge(dict("key", pair[0]), dict("key-", pair[1])))
                    .isInstanceOf(MergeException.class)
                    .hasMessage("MergeError: Key 'key' in " + WHERE + " (wrong type).");
        }
    }

    @Test
    void substituteRewritesEveryListItemRuleByRule() {
        Map<String, Object> data = merge(dict("tags", list("Tier1", "Tier2")),
                dict("tags~", list("/Tier(.)/t\\1/", "/Tier2/t3/")));
        assertThat(data).isEqualTo(dict("tags", list("t1", "t2")));
    }

    @Test
    void substituteRewritesAString() {
        assertThat(merge(dict("summary", "Check the tmt"), dict("summary~", "/tmt/fmf/")))
                .isEqualTo(dict("summary", "Check the fmf"));
        assertThat(merge(dict("summary", "a-b-c"), dict("summary~", "|-|/|"))).isEqualTo(dict("summary", "a/b/c"));
        assertThat(merge(dict("summary", "abc"), dict("summary~", "/b//"))).isEqualTo(dict("summary", "ac"));
        assertThat(merge(dict("summary", "a1"), dict("summary~", "/(?P<d>\\d)/<\\g<d>>/"))).isEqualTo(dict("summary", "a<1>"));
    }

    @Test
    void substituteOnAMissingKeyDoesNothing() {
        assertThat(merge(dict(), dict("tags~", "/a/b/"))).isEmpty();
    }

    @Test
    void substituteNeedsExactlyThreeDelimitersAndAPattern() {
        for (String rule : List.of("/a/b", "/a/b/c/", "//b/", "/ab/", "ab", "/")) {
            assertThatThrownBy(() -> merge(dict("summary", "ab"), dict("summary~", rule)))
                    .as(rule)
                    .isInstanceOf(FmfFormatException.class)
                    .hasMessageContaining("'summary'")
                    .hasMessageContaining(WHERE);
        }
    }

    @Test
    void everySubstitutionIsCheckedBeforeTheFirstIsApplied() {
        assertThatThrownBy(() -> merge(dict("time", 5L), dict("time~", list("/a/b/", "bad"))))
                .isInstanceOf(FmfFormatException.class);
    }

    @Test
    void substituteOnANonStringIsAMergeError() {
        assertThatThrownBy(() -> merge(dict("tags", list("a", 1L)), dict("tags~", "/a/b/")))
                .isInstanceOf(MergeException.class)
                .hasMessage("MergeError: Key 'tags' in " + WHERE + " (not a string).");
        assertThatThrownBy(() -> merge(dict("time", 5L), dict("time~", "/5/6/")))
                .isInstanceOf(MergeException.class)
                .hasMessage("MergeError: Key 'time' in " + WHERE + " (wrong type).");
    }

    @Test
    void invalidSubstitutionRegexIsNotAMergeError() {
        assertThatThrownBy(() -> merge(dict("summary", "x"), dict("summary~", "/(/x/")))
                .isInstanceOf(InvalidRegexException.class);
        assertThatThrownBy(() -> merge(dict("summary", "x"), dict("summary~", "/x/\\2/")))
                .isInstanceOf(InvalidRegexException.class);
    }

    @Test
    void removeMatchingDropsListItemsMatchedByAnyPattern() {
        Map<String, Object> data = merge(dict("tags", list("Tier1", "slow", "Tier2", 17L)),
                dict("tags-~", list("^Tier", "7")));
        assertThat(data).isEqualTo(dict("tags", list("slow")));
    }

    @Test
    void removeMatchingOnAStringLeavesAnEmptyString() {
        assertThat(merge(dict("summary", "Some summary"), dict("summary-~", "summ"))).isEqualTo(dict("summary", ""));
        assertThat(merge(dict("summary", "Some summary"), dict("summary-~", "^x"))).isEqualTo(dict("summary", "Some summary"));
    }

    @Test
    void removeMatchingOnADictDropsMatchingKeys() {
        Map<String, Object> data = merge(dict("environment", dict("DEBUG", "1", "DEBUG_X", "2", "PATH", "/")),
                dict("environment-~", "^DEBUG"));
        assertThat(data).isEqualTo(dict("environment", dict("PATH", "/")));
    }

    @Test
    void removeMatchingOnANumberIsWrongType() {
        assertThatThrownBy(() -> merge(dict("time", 5L), dict("time-~", "5")))
                .isInstanceOf(MergeException.class)
                .hasMessage("MergeError: Key 'time' in " + WHERE + " (wrong type).");
    }

    @Test
    void removeMatchingOnAMissingKeyDoesNothing() {
        assertThat(merge(dict(), dict("tags-~", "x"))).isEmpty();
    }

    @Test
    void operationsApplyInTheChildsKeyOrder() {
        Map<String, Object> extendFirst = merge(dict("tag", list("one", "two")),
                dict("tag+", list("three", "four"), "tag-", list("two", "three")));
        assertThat(extendFirst).isEqualTo(dict("tag", list("one", "four")));
        Map<String, Object> reduceFirst = merge(dict("tag", list("one", "two")),
                dict("tag-", list("two", "three"), "tag+", list("three", "four")));
        assertThat(reduceFirst).isEqualTo(dict("tag", list("one", "three", "four")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void mergingChangesOnlyTheTopLevelMapItIsGiven() {
        Map<String, Object> inherited = dict("env", dict("A", "1"), "steps", list(dict("how", "fmf")),
                "vars", dict("a", 1L, "b", 2L), "tags", list("x", "y"), "names", dict("keep", 1L, "drop", 2L));
        String before = inherited.toString();
        Map<String, Object> rule = dict("env+", dict("B", "2"), "steps+", dict("name", "n"), "vars-", list("a"),
                "tags+", list("z"), "names-~", "dr.*");
        String ruleBefore = rule.toString();
        Map<String, Object> child = merge(new LinkedHashMap<>(inherited), rule);
        assertThat(child).isEqualTo(dict("env", dict("A", "1", "B", "2"), "steps", list(dict("how", "fmf", "name", "n")),
                "vars", dict("b", 2L), "tags", list("x", "y", "z"), "names", dict("keep", 1L)));
        assertThat(inherited.toString()).as("the inherited values are shared, never changed").isEqualTo(before);
        assertThat(rule.toString()).as("the merged values are shared, never changed").isEqualTo(ruleBefore);
    }

    @Test
    void nullKeyIsAMergeErrorNotACrash() {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put(null, "x");
        assertThatThrownBy(() -> merge(dict(), source)).isInstanceOf(MergeException.class).hasMessageContaining(WHERE);
    }
}
