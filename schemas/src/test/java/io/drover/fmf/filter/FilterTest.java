package io.drover.fmf.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.fmf.FilterException;
import io.drover.fmf.InvalidRegexException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterTest {
    private static final Map<String, Object> DATA = Map.of("tag", List.of("Tier1", "TIPpass", "mod:S"), "category", "Sanity");

    @Test
    void badRegexIsReportedWhenParsing() {
        assertThatThrownBy(() -> Filter.parse("tag: Tier(", true, true)).isInstanceOf(InvalidRegexException.class);
        assertThatThrownBy(() -> Filter.parse("/tests/[", true, true)).isInstanceOf(InvalidRegexException.class);
        // Without regexp mode nothing is a pattern.
        assertThat(Filter.parse("tag: Tier(", true, false).matches(DATA, null)).isFalse();
    }

    @Test
    void missingKeyIsAnErrorNamingTheKeyOnEveryClause() {
        Filter filter = Filter.parse("tag: Tier1 | missing: x", true, true);
        assertThatThrownBy(() -> filter.matches(DATA, "/n"))
                .isInstanceOf(FilterException.class)
                .hasMessageContaining("'missing'")
                .hasMessageContaining("tag: Tier1 | missing: x");
        assertThatThrownBy(() -> Filter.matches("missing: x | tag: Tier1", DATA, true, true, "/n"))
                .isInstanceOf(FilterException.class);
        // The same parsed filter works on a node that has the key.
        assertThat(filter.matches(Map.of("tag", "Tier1", "missing", "y"), "/n")).isTrue();
    }

    @Test
    void aFailingNameLiteralEndsTheClauseBeforeKeysAreLookedUp() {
        assertThat(Filter.matches("/other & missing: x", DATA, true, true, "/tests/one")).isFalse();
        assertThatThrownBy(() -> Filter.matches("/tests & missing: x", DATA, true, true, "/tests/one"))
                .isInstanceOf(FilterException.class);
        assertThatThrownBy(() -> Filter.matches("tag: Tier1 & /tests", DATA, true, true, null))
                .isInstanceOf(FilterException.class)
                .hasMessageContaining("name");
    }

    @Test
    void caseInsensitiveLowersFilterKeysAndValuesButNotTheName() {
        Map<String, Object> data = Map.of("Tag", List.of("TIER1"));
        assertThat(Filter.matches("TAG: tier1", data, false, true, null)).isTrue();
        assertThat(Filter.matches("/Tests/One", data, false, true, "/Tests/One")).isFalse();
        assertThat(Filter.matches("/Tests/One", data, false, true, "/tests/one")).isTrue();
        assertThat(Filter.matches("Tag: TIER1", data, true, true, null)).isTrue();
        assertThatThrownBy(() -> Filter.matches("tag: TIER1", data, true, true, null)).isInstanceOf(FilterException.class);
    }

    @Test
    void dimensionKeepsTrailingSpacesBeforeTheColon() {
        Map<String, Object> data = Map.of("tag ", "x");
        assertThat(Filter.matches("tag : x", data, true, false, null)).isTrue();
    }

    @Test
    void valuesAreComparedAsPythonStrings() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("tier", 1);
        data.put("enabled", false);
        data.put("owner", null);
        data.put("list", Arrays.asList(1, 2.5, true, List.of("a")));
        assertThat(Filter.matches("tier: 1 & enabled: False & owner: None", data, true, false, null)).isTrue();
        assertThat(Filter.matches("list: 2.5 & list: True & list: ['a']", data, true, false, null)).isTrue();
    }

    @Test
    void valuesAreAnchoredButNamesAreSearched() {
        assertThat(Filter.matches("tag: Tier", DATA, true, true, null)).isFalse();
        assertThat(Filter.matches("tag: Tier.", DATA, true, true, null)).isTrue();
        assertThat(Filter.matches("one", DATA, true, true, "/tests/one/more")).isTrue();
        assertThat(Filter.matches("one", DATA, true, false, "/tests/one/more")).isFalse();
    }

    @Test
    void literalsOfOneDimensionMustAllMatch() {
        assertThat(Filter.matches("tag: Tier1 & tag: mod:S", DATA, true, false, null)).isTrue();
        assertThat(Filter.matches("tag: Tier1 & tag: Tier2", DATA, true, false, null)).isFalse();
    }

    @Test
    void emptyExpressionMatchesEverything() {
        assertThat(Filter.parse(null, true, true).matchesEverything()).isTrue();
        assertThat(Filter.parse("", false, false).matches(null, null)).isTrue();
        assertThat(Filter.parse("tag: x", true, true).matchesEverything()).isFalse();
    }

    @Test
    void oneParsedFilterIsReusableAcrossNodes() {
        Filter filter = Filter.parse("tag: Tier[12] & category: -Regression", true, true);
        for (int i = 0; i < 1000; i++) {
            assertThat(filter.matches(Map.of("tag", "Tier" + (i % 4), "category", "Sanity"), "/n" + i))
                    .isEqualTo(i % 4 == 1 || i % 4 == 2);
        }
        assertThat(filter.expression()).isEqualTo("tag: Tier[12] & category: -Regression");
        assertThat(filter.regexp()).isTrue();
        assertThat(filter.caseSensitive()).isTrue();
    }

    @Test
    void aPlainValueMatchesAsTheAnchoredRegexpWould() {
        Map<String, Object> data = Map.of("tag", List.of("fedora", "fedora-41", "rhel\n"), "tier", 1);
        assertThat(Filter.matches("tag: fedora", data, true, true, null)).isTrue();
        assertThat(Filter.matches("tag: fedor", data, true, true, null)).isFalse();
        assertThat(Filter.matches("tag: rhel", data, true, true, null)).as("$ before a final newline").isTrue();
        assertThat(Filter.matches("tag: rhel", data, true, false, null)).as("no regexps: the value exactly").isFalse();
        assertThat(Filter.matches("tag: -fedora-41", data, true, true, null)).isFalse();
        assertThat(Filter.matches("tag: fedora-4.", data, true, true, null)).as("a regexp").isTrue();
        assertThat(Filter.matches("tier: 1", data, true, true, null)).isTrue();
    }
}
