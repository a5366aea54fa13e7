package io.drover.fmf.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.fmf.Conformance;
import io.drover.fmf.FilterException;
import io.drover.fmf.InvalidRegexException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The filter cases of the fmf conformance corpus ({@code cases/filter-cases.json}), one test each. */
class FilterCasesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> filterCases() {
        JsonNode cases = Conformance.readJson(Conformance.fmfData().resolve("cases/filter-cases.json"));
        List<DynamicTest> tests = new ArrayList<>();
        int index = 0;
        for (JsonNode testCase : cases) {
            index++;
            String filter = testCase.get("filter").isNull() ? null : testCase.get("filter").asText();
            Map<String, Object> data = JSON.convertValue(testCase.get("data"), new TypeReference<>() { });
            boolean regexp = testCase.path("regexp").asBoolean(false);
            boolean sensitive = testCase.path("sensitive").asBoolean(true);
            String name = testCase.path("name").isTextual() ? testCase.get("name").asText() : null;
            JsonNode expect = testCase.get("expect");
            String displayName = "#" + index + " '" + filter + "' on " + data
                    + (name == null ? "" : " name " + name)
                    + (regexp ? " (regexp)" : "") + (sensitive ? "" : " (case-insensitive)")
                    + " -> " + expect.asText();
            tests.add(DynamicTest.dynamicTest(displayName, () -> check(filter, data, sensitive, regexp, name, expect)));
        }
        assertThat(tests).hasSize(74);
        return tests.stream();
    }

    private static void check(String filter, Map<String, Object> data, boolean sensitive, boolean regexp, String name,
            JsonNode expect) {
        if (expect.isBoolean()) {
            assertThat(Filter.matches(filter, data, sensitive, regexp, name)).isEqualTo(expect.asBoolean());
        } else if (expect.asText().equals("FilterError")) {
            Filter parsed = Filter.parse(filter, sensitive, regexp);
            assertThatThrownBy(() -> parsed.matches(data, name)).isInstanceOf(FilterException.class);
        } else if (expect.asText().equals("RegexError")) {
            assertThatThrownBy(() -> Filter.matches(filter, data, sensitive, regexp, name))
                    .isInstanceOf(InvalidRegexException.class);
        } else {
            throw new AssertionError("unknown expectation " + expect);
        }
    }
}
