package io.drover.coordinator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.event.IssueRule;
import io.drover.result.OutputTail;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KnownIssueRulesTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);
    private static final Map<String, List<String>> F41 = Map.of("distro", List.of("fedora-41"), "arch",
            List.of("x86_64"));

    private static final KnownIssueRules RULES = KnownIssueRules.parse("""
            # known-issues.yaml
            - test: /tests/login/.*
              output: "Connection refused"
              issue: https://bugzilla.example/123
            - test: /tests/storage/.*
              note: ".*timeout.*"
              context: {distro: fedora-41}
              issue: BZ#200
            - test: /tests/storage/raid
              context: {distro: [centos-stream-9, centos-stream-10], arch: x86_64}
              issue: BZ#300
              expires: 2026-06-01
            - test: /tests/old
              issue: BZ#400
              expires: 2026-05-31
            - test: /tests/storage/.*
              issue: catch-all
            """, "known-issues.yaml");

    /** Matches as the farm does: the worker looks for the job's output patterns, the ledger matches with those found. */
    private static Optional<KnownIssue> match(String test, String status, String reason,
                                              Map<String, List<String>> context, String output) {
        return RULES.match(test, status, reason, context, found(RULES, test, context, OutputTail.of(output)), TODAY);
    }

    private static List<String> found(KnownIssueRules rules, String test, Map<String, List<String>> context,
                                      OutputTail tail) {
        return tail.find(rules.outputPatterns(test, context, TODAY));
    }

    @Test
    void readsEveryKey() {
        KnownIssueRule raid = RULES.rules().get(2);
        assertThat(raid.source()).isEqualTo("known-issues.yaml:9");
        assertThat(raid.test().pattern()).isEqualTo("/tests/storage/raid");
        assertThat(raid.output()).isNull();
        assertThat(raid.note()).isNull();
        assertThat(raid.context()).isEqualTo(Map.of("distro", List.of("centos-stream-9", "centos-stream-10"),
                "arch", List.of("x86_64")));
        assertThat(raid.issue()).isEqualTo("BZ#300");
        assertThat(raid.expires()).isEqualTo(LocalDate.of(2026, 6, 1));
        assertThat(RULES.rules()).extracting(KnownIssueRule::source).containsExactly("known-issues.yaml:2",
                "known-issues.yaml:5", "known-issues.yaml:9", "known-issues.yaml:13", "known-issues.yaml:16");
    }

    @Test
    void theTestNameMustMatchWhole() {
        assertThat(match("/tests/login/ssh", "fail", null, F41, "ssh: Connection refused\n"))
                .contains(new KnownIssue("https://bugzilla.example/123", "known-issues.yaml:2"));
        assertThat(match("/other/tests/login/ssh", "fail", null, F41, "Connection refused")).isEmpty();
        assertThat(match("/tests/login", "fail", null, F41, "Connection refused")).isEmpty();
    }

    @Test
    void onlyFailuresMatch() {
        for (String status : List.of("fail", "error", "warn")) {
            assertThat(match("/tests/login/ssh", status, null, F41, "Connection refused")).as(status).isPresent();
        }
        for (String status : List.of("pass", "skip", "info", "infra", "pending")) {
            assertThat(match("/tests/login/ssh", status, null, F41, "Connection refused")).as(status).isEmpty();
        }
    }

    @Test
    void outputIsSearchedInTheTail() {
        assertThat(match("/tests/login/ssh", "fail", null, F41, "all fine")).isEmpty();
        assertThat(match("/tests/login/ssh", "fail", null, F41, "")).isEmpty();

        OutputTail tail = new OutputTail(64);
        tail.write("Connection refused\n".getBytes());
        tail.write("x".repeat(100).getBytes());
        assertThat(RULES.match("/tests/login/ssh", "fail", null, F41, found(RULES, "/tests/login/ssh", F41, tail),
                TODAY)).isEmpty();
        tail.write("\nConnection refused".getBytes());
        assertThat(RULES.match("/tests/login/ssh", "fail", null, F41, found(RULES, "/tests/login/ssh", F41, tail),
                TODAY)).isPresent();
    }

    @Test
    void onlyThePatternsOfRulesThatCouldMatchGoWithATest() {
        KnownIssueRules rules = KnownIssueRules.parse("""
                - {test: /a.*, output: one, issue: I1}
                - {test: /a.*, output: one, note: x, issue: I2}
                - {test: /b, output: two, issue: I3}
                - {test: /a.*, output: three, context: {distro: rhel-9}, issue: I4}
                - {test: /a.*, output: four, expires: 2026-05-31, issue: I5}
                - {test: /a.*, issue: I6}
                """, "r.yaml");
        assertThat(rules.outputPatterns("/a1", F41, TODAY)).containsExactly("one");
        assertThat(rules.outputPatterns("/a1", Map.of("distro", List.of("rhel-9")), TODAY)).containsExactly("one",
                "three");
        assertThat(rules.outputPatterns("/b", F41, TODAY)).containsExactly("two");
        assertThat(rules.outputPatterns("/c", F41, TODAY)).isEmpty();
    }

    @Test
    void rulesTravelInRunCreatedAsTheyWereRead() {
        KnownIssueRules again = KnownIssueRules.of(RULES.data());
        assertThat(again.data()).isEqualTo(RULES.data());
        assertThat(again.rules()).extracting(KnownIssueRule::source).isEqualTo(RULES.rules().stream()
                .map(KnownIssueRule::source).toList());
        assertThat(again.match("/tests/login/ssh", "fail", null, F41, List.of("Connection refused"), TODAY))
                .contains(new KnownIssue("https://bugzilla.example/123", "known-issues.yaml:2"));
        assertThat(RULES.data().get(2).expires()).isEqualTo("2026-06-01");
        assertThatThrownBy(() -> KnownIssueRules.of(List.of(new IssueRule("api:3", "/a(", null, null, null, "I",
                null)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the known-issue rule of api:3 is bad: Unclosed group");
    }

    @Test
    void outputLinesAreLinesForAnchors() {
        KnownIssueRules rules = KnownIssueRules.parse("- {test: .*, output: '^FATAL: disk$', issue: I}\n", "r.yaml");
        assertThat(rules.match("/t", "fail", null, Map.of(),
                found(rules, "/t", Map.of(), OutputTail.of("one\nFATAL: disk\nthree\n")), TODAY)).isPresent();
        assertThat(rules.match("/t", "fail", null, Map.of(),
                found(rules, "/t", Map.of(), OutputTail.of("one FATAL: disk\n")), TODAY)).isEmpty();
    }

    @Test
    void noteIsSearchedInTheReason() {
        assertThat(match("/tests/storage/lvm", "error", "ssh: connection timeout after 5m", F41, ""))
                .contains(new KnownIssue("BZ#200", "known-issues.yaml:5"));
        assertThat(match("/tests/storage/lvm", "error", "exit code 1", F41, ""))
                .contains(new KnownIssue("catch-all", "known-issues.yaml:16"));
        assertThat(match("/tests/storage/lvm", "error", null, F41, ""))
                .contains(new KnownIssue("catch-all", "known-issues.yaml:16"));
    }

    @Test
    void contextMustHaveOneOfTheValuesOfEveryDimension() {
        Map<String, List<String>> c10 = Map.of("distro", List.of("centos-stream-10"), "arch", List.of("x86_64"));
        Map<String, List<String>> c10arm = Map.of("distro", List.of("centos-stream-10"), "arch", List.of("aarch64"));
        Map<String, List<String>> noArch = Map.of("distro", List.of("centos-stream-9"));
        Map<String, List<String>> several = Map.of("distro", List.of("fedora-41", "centos-stream-9"), "arch",
                List.of("x86_64"));
        assertThat(match("/tests/storage/raid", "fail", "timeout", c10, "").map(KnownIssue::issue)).contains("BZ#300");
        assertThat(match("/tests/storage/raid", "fail", "x", several, "").map(KnownIssue::issue)).contains("BZ#300");
        assertThat(match("/tests/storage/raid", "fail", "x", c10arm, "").map(KnownIssue::issue)).contains("catch-all");
        assertThat(match("/tests/storage/raid", "fail", "x", noArch, "").map(KnownIssue::issue)).contains("catch-all");
        assertThat(match("/tests/storage/lvm", "fail", "timeout", c10, "").map(KnownIssue::issue)).contains("catch-all");
        assertThat(match("/tests/storage/lvm", "fail", "timeout", null, "").map(KnownIssue::issue)).contains("catch-all");
    }

    @Test
    void aRuleMatchesUntilTheEndOfItsLastDay() {
        Map<String, List<String>> c9 = Map.of("distro", List.of("centos-stream-9"), "arch", List.of("x86_64"));
        assertThat(RULES.match("/tests/storage/raid", "fail", null, c9, List.of(), TODAY).map(KnownIssue::issue))
                .contains("BZ#300");
        assertThat(RULES.match("/tests/storage/raid", "fail", null, c9, List.of(), TODAY.plusDays(1))
                .map(KnownIssue::issue)).contains("catch-all");
        assertThat(RULES.match("/tests/old", "fail", null, c9, List.of(), TODAY)).isEmpty();
        assertThat(RULES.match("/tests/old", "fail", null, c9, List.of(), TODAY.minusDays(1))).isPresent();
    }

    @Test
    void expiredRulesAreReported() {
        assertThat(RULES.expired(TODAY)).extracting(KnownIssueRule::issue).containsExactly("BZ#400");
        assertThat(RULES.expired(TODAY.plusDays(1))).extracting(KnownIssueRule::issue)
                .containsExactly("BZ#300", "BZ#400");
        assertThat(RULES.expiredWarnings(TODAY)).containsExactly(
                "known-issues.yaml:13: the rule for BZ#400 expired on 2026-05-31 and no longer matches");
    }

    @Test
    void theFirstMatchingRuleWins() {
        KnownIssueRules rules = KnownIssueRules.parse("- {test: /a, issue: first}\n- {test: /a, issue: second}\n",
                "r.yaml");
        assertThat(rules.match("/a", "fail", null, Map.of(), List.of(), TODAY))
                .contains(new KnownIssue("first", "r.yaml:1"));
    }

    @Test
    void noRulesMatchNothing() {
        assertThat(KnownIssueRules.NONE.match("/a", "fail", null, Map.of(), List.of(), TODAY)).isEmpty();
        assertThat(KnownIssueRules.parse("", "r.yaml").rules()).isEmpty();
        assertThat(KnownIssueRules.parse("# nothing yet\n", "r.yaml").rules()).isEmpty();
        assertThat(KnownIssueRules.parse("[]\n", "r.yaml").rules()).isEmpty();
    }
}
