package io.drover.coordinator.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExportTableTest {
    private final List<String> lines = ExportSamples.export("table").lines().toList();

    @Test
    void writesAHeaderOneLinePerTestAndASummary() {
        assertThat(lines).hasSize(1 + 9 + 1);
        assertThat(lines.get(0)).startsWith("STATUS   TEST").contains("PLAN", "DURATION", "NOTE");
        assertThat(lines.get(1)).startsWith("PASS     /tests/login").contains("/plans/smoke", "00:00:12",
                "status pass, exit code 0");
        assertThat(lines.get(10)).isEqualTo("r-0042 finished: 9 tests, 3 passed, 1 failed, 2 errored, 1 skipped,"
                + " 1 infrastructure, 1 not finished; 1 flaky, 1 with a known issue");
    }

    @Test
    void alignsTheColumnsOfEveryTest() {
        List<String> rows = lines.subList(0, 10);
        for (String column : List.of("/tests/", "/plans/")) {
            int at = rows.get(1).indexOf(column);
            assertThat(rows.subList(1, 10)).allSatisfy(row -> assertThat(row.indexOf(column)).isEqualTo(at));
        }
        assertThat(rows.get(0).indexOf("PLAN")).isEqualTo(rows.get(1).indexOf("/plans/"));
    }

    @Test
    void marksKnownIssuesAndFlakyTestsAfterTheReason() {
        assertThat(lines.get(2)).startsWith("FAIL ").endsWith("status fail, exit code 1 [known issue RHEL-1234]");
        assertThat(lines.get(3)).startsWith("PASS ").endsWith("status pass, exit code 0 [flaky]");
        assertThat(lines.get(7)).startsWith("INFRA ").endsWith("sut-lost: connection lost to host 10.0.0.5");
    }

    @Test
    void showsAPendingTestWithoutDurationAndKeepsControlCharactersOffTheTerminal() {
        assertThat(lines.get(9)).startsWith("PENDING  /tests/later").endsWith(" -");
        assertThat(lines.get(5)).contains("bad byte ? in <input> & ?[31mred").doesNotContain("\u0007", "\u001b");
    }
}
