package io.drover.fmf.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.fmf.Conformance;
import io.drover.fmf.InvalidRuleException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The context cases of the fmf conformance corpus ({@code cases/context-cases.json}), one test each. */
class ContextCasesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> contextCases() {
        JsonNode cases = Conformance.readJson(Conformance.fmfData().resolve("cases/context-cases.json"));
        List<DynamicTest> tests = new ArrayList<>();
        int index = 0;
        for (JsonNode testCase : cases) {
            index++;
            Map<String, Object> values = JSON.convertValue(testCase.get("context"), new TypeReference<>() { });
            String rule = testCase.get("rule").asText();
            boolean caseSensitive = testCase.path("case_sensitive").asBoolean(true);
            JsonNode expect = testCase.get("expect");
            String displayName = "#" + index + " '" + rule + "' on " + values
                    + (caseSensitive ? "" : " (case-insensitive)") + " -> " + expect.asText();
            tests.add(DynamicTest.dynamicTest(displayName, () -> check(Context.of(values), rule, caseSensitive, expect)));
        }
        assertThat(tests).hasSize(476);
        return tests.stream();
    }

    private static void check(Context context, String rule, boolean caseSensitive, JsonNode expect) {
        if (expect.isBoolean()) {
            assertThat(context.matches(rule, caseSensitive)).isEqualTo(Decision.of(expect.asBoolean()));
        } else if (expect.asText().equals("CannotDecide")) {
            assertThat(context.matches(rule, caseSensitive)).isEqualTo(Decision.CANNOT_DECIDE);
        } else if (expect.asText().equals("InvalidRule")) {
            assertThatThrownBy(() -> context.matches(rule, caseSensitive))
                    .isInstanceOf(InvalidRuleException.class)
                    .hasMessageStartingWith("Invalid rule '" + rule + "': ");
        } else {
            throw new AssertionError("unknown expectation " + expect);
        }
    }
}
