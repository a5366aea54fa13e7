package io.drover.coordinator.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

class TmtResultsFormatTest {
    /** The keys of tmt's own results (tmt.result.Result), docs/results.md. */
    private static final List<String> TMT_KEYS = List.of("name", "result", "original-result", "note", "log",
            "start-time", "end-time", "duration", "serial-number", "fmf-id", "context", "ids", "guest", "subresult",
            "check", "data-path");
    private static final List<String> SUBRESULT_KEYS = List.of("name", "result", "original-result", "note", "log",
            "start-time", "end-time", "duration", "check");

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> load(String yaml) {
        return (List<Map<String, Object>>) new Load(LoadSettings.builder().build()).loadFromString(yaml);
    }

    private static Map<String, Object> item(String test) {
        return load(ExportSamples.export("tmt")).stream().filter(i -> i.get("name").equals(test)).findFirst()
                .orElseThrow();
    }

    @Test
    void parsesBackAsAListWhoseItemsHaveExactlyTmtsKeys() {
        List<Map<String, Object>> items = load(ExportSamples.export("tmt"));
        assertThat(items).hasSize(9);
        assertThat(items).allSatisfy(item -> assertThat(List.copyOf(item.keySet())).isEqualTo(TMT_KEYS));
        assertThat(load(ExportSamples.export("tmt", ExportSamples.run(), List.of()))).isEmpty();
    }

    @Test
    void writesTmtsValuesForAPassingTest() {
        Map<String, Object> login = item("/tests/login");
        assertThat(login).containsEntry("serial-number", 1).containsEntry("result", "pass")
                .containsEntry("original-result", "pass").containsEntry("duration", "00:00:12")
                .containsEntry("start-time", "2026-11-22T08:01:00.123456+00:00")
                .containsEntry("end-time", "2026-11-22T08:02:00.000000+00:00")
                .containsEntry("log", List.of("plans/smoke/tests/login/attempt-1/files/output.txt"))
                .containsEntry("data-path", "plans/smoke/tests/login/attempt-1/files")
                .containsEntry("ids", Map.of()).containsEntry("check", List.of())
                .containsEntry("note", List.of("status pass, exit code 0"))
                .containsEntry("context", Map.of("distro", List.of("rhel-9.8"), "arch", List.of("x86_64")))
                .containsEntry("fmf-id", Map.of("url", "https://git.example.com/qe/tests.git", "ref", "main",
                        "name", "/tests/login"));
        Map<String, Object> guest = new HashMap<>();
        guest.put("name", "sut-1");
        guest.put("role", null);
        assertThat(login.get("guest")).isEqualTo(guest);
    }

    @Test
    @SuppressWarnings("unchecked")
    void writesSubResultsWithTheirLogsAndTheKnownIssueInTheNote() {
        Map<String, Object> upload = item("/tests/upload");
        assertThat(upload).containsEntry("result", "fail")
                .containsEntry("note", List.of("status fail, exit code 1", "known issue RHEL-1234"))
                .containsEntry("log", List.of("plans/smoke/tests/upload/attempt-1/files/output.txt",
                        "plans/smoke/tests/upload/attempt-1/files/dmesg.txt"));
        List<Map<String, Object>> subresults = (List<Map<String, Object>>) upload.get("subresult");
        assertThat(subresults).hasSize(2)
                .allSatisfy(sub -> assertThat(List.copyOf(sub.keySet())).isEqualTo(SUBRESULT_KEYS));
        assertThat(subresults.get(0)).containsEntry("name", "upload/big").containsEntry("result", "fail")
                .containsEntry("note", List.of("checksum differs"))
                .containsEntry("log", List.of("plans/smoke/tests/upload/attempt-1/files/upload/big/big.log"));
        assertThat(subresults.get(1)).containsEntry("result", "pass").containsEntry("log", List.of());
    }

    @Test
    void mapsInfraToErrorAndSaysSo() {
        assertThat(item("/tests/reboot")).containsEntry("result", "error").containsEntry("note",
                List.of("sut-lost: connection lost to host 10.0.0.5", "drover status: infra"));
        assertThat(item("/tests/network")).containsEntry("result", "pass")
                .containsEntry("note", List.of("status pass, exit code 0", "flaky: passed on a retry"));
        assertThat(item("/tests/optional")).containsEntry("result", "skip");
        assertThat(item("/tests/docs")).containsEntry("result", "info");
    }

    @Test
    void writesAPendingTestWithNullsWhereNothingIsKnown() {
        Map<String, Object> later = item("/tests/later");
        assertThat(later).containsEntry("result", "pending").containsEntry("duration", null)
                .containsEntry("start-time", null).containsEntry("data-path", null).containsEntry("log", List.of())
                .containsEntry("note", List.of());
    }

    @Test
    void quotesTimesForYaml11ReadersAndWritesNoAliases() {
        String yaml = ExportSamples.export("tmt");
        assertThat(yaml).contains("  duration: \"00:00:12\"\n", "  start-time: \"2026-11-22T08:01:00.123456+00:00\"\n",
                "  serial-number: 1\n", "- name: /tests/login\n").doesNotContain("&id", "*id");
    }

    @Test
    void keepsControlCharactersThroughTheRoundTrip() {
        assertThat(item("/tests/parser").get("note")).isEqualTo(List.of(ExportSamples.ODD_REASON));
    }

    @Test
    void mapsEveryStatusToATmtOutcome() {
        assertThat(List.of("pass", "fail", "info", "warn", "error", "skip", "pending", "running", "infra", "custom"))
                .extracting(TmtResultsFormat::outcome).containsExactly("pass", "fail", "info", "warn", "error",
                        "skip", "pending", "pending", "error", "error");
    }
}
