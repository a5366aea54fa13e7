package io.drover.tmt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.control.ResultReporter;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.drover.control.ControlStreamParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TmtOutcomeRuleTest {

    @ParameterizedTest
    @CsvSource({"0, pass", "1, fail", "2, error", "124, error", "137, error"})
    void exitCodesAsTmtShellFramework(int exitCode, String status) {
        assertThat(TmtOutcomeRule.of(null).statusOfExitCode(exitCode)).isEqualTo(status);
    }

    @Test
    void noExitCodeIsAnError() {
        assertThat(TmtOutcomeRule.of("respect").statusOfExitCode(null)).isEqualTo("error");
    }

    @ParameterizedTest
    @CsvSource({
            "respect, pass, pass", "respect, warn, warn",
            "xfail, pass, fail", "xfail, fail, pass", "xfail, error, error", "xfail, skip, skip",
            "pass, fail, pass", "info, error, info", "warn, pass, warn", "error, pass, error", "fail, pass, fail",
            "custom, warn, warn", "restraint, fail, fail"})
    void resultKeyAdjustsTheTestsOwnStatus(String key, String status, String expected) {
        assertThat(TmtOutcomeRule.of(key).adjust(status)).isEqualTo(expected);
    }

    @Test
    void unknownInterpretationIsRefused() {
        assertThatThrownBy(() -> TmtOutcomeRule.of("maybe")).hasMessageContaining("'maybe'");
    }

    @Test
    void reporterAppliesTheRuleToTheFallbackAndToReportedResults(@TempDir Path dir) throws Exception {
        Path first = Files.createDirectory(dir.resolve("a"));
        ResultReporter xfail = new ResultReporter(first, TmtOutcomeRule.of("xfail"));
        xfail.finish(1, null);
        assertThat(Files.readString(first.resolve("results")))
                .isEqualTo("{\"status\": \"pass\", \"files\": [\"output.txt\"]}\n");
        assertThat(xfail.testStatus()).isEqualTo("pass");

        Path second = Files.createDirectory(dir.resolve("b"));
        ResultReporter forced = new ResultReporter(second, TmtOutcomeRule.of("warn"));
        String stream = result("{\"status\": \"pass\", \"name\": \"sub\"}") + result("{\"status\": \"fail\"}");
        new ControlStreamParser(forced).feed(new ByteArrayInputStream(stream.getBytes(StandardCharsets.US_ASCII)));
        forced.finish(0, null);
        assertThat(Files.readString(second.resolve("results"))).isEqualTo(
                "{\"status\": \"pass\", \"name\": \"sub\"}\n{\"status\": \"warn\"}\n");
        assertThat(forced.testStatus()).isEqualTo("warn");
    }

    private static String result(String json) {
        return "result " + json.length() + "\n" + json;
    }
}
