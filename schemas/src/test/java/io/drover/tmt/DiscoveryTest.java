package io.drover.tmt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.fmf.context.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery behaviour the tmt corpus does not pin, on trees written here. */
class DiscoveryTest {
    @TempDir
    Path root;

    private TmtTree tree(String... fileAndText) throws IOException {
        Files.createDirectories(root.resolve(".fmf"));
        Files.writeString(root.resolve(".fmf/version"), "1\n");
        for (int i = 0; i < fileAndText.length; i += 2) {
            Path file = root.resolve(fileAndText[i]);
            Files.createDirectories(file.getParent());
            Files.writeString(file, fileAndText[i + 1]);
        }
        return TmtTree.load(root);
    }

    private static List<String> names(PlanTests plan) {
        return plan.tests().stream().map(DiscoveredTest::name).toList();
    }

    private static final String TESTS = """
            /tests:
                test: ./run.sh
                duration: 5m
                /a:
                    tier: 1
                /b:
                    tier: 2
                /c:
                    manual: true
            """;

    @Test
    void severalDiscoverPhasesPrefixTestNamesAndNumberTestsInOrder() throws IOException {
        TmtTree tree = tree("main.fmf", TESTS, "plans.fmf", """
                /plan:
                    execute: {how: tmt}
                    discover:
                      - name: first
                        how: fmf
                        filter: "tier: 1"
                      - name: second
                        how: fmf
                        test: /tests/b
                """);
        PlanTests plan = new Discovery(tree).discover(DiscoverRequest.all(Context.empty())).get(0);
        assertThat(names(plan)).containsExactly("/first/tests/a", "/second/tests/b");
        assertThat(plan.tests()).extracting(DiscoveredTest::serialNumber).containsExactly(1, 2);
        assertThat(plan.tests()).extracting(DiscoveredTest::phase).containsExactly("first", "second");
    }

    @Test
    void manualTestsAreNeverDiscovered() throws IOException {
        TmtTree tree = tree("main.fmf", TESTS, "plans.fmf", "/plan:\n  execute: {how: tmt}\n  discover: {how: fmf}\n");
        assertThat(names(new Discovery(tree).discover(DiscoverRequest.all(Context.empty())).get(0)))
                .containsExactly("/tests/a", "/tests/b");
    }

    @Test
    void adjustTestsRulesApplyToDiscoveredTests() throws IOException {
        TmtTree tree = tree("main.fmf", TESTS, "plans.fmf", """
                /plan:
                    execute: {how: tmt}
                    discover:
                        how: fmf
                        adjust-tests:
                          - duration+: "*2"
                            when: distro == centos
                          - when: distro == fedora
                            enabled: false
                """);
        PlanTests fedora = new Discovery(tree).discover(DiscoverRequest.all(Context.of(Map.of("distro", "fedora-41")))).get(0);
        assertThat(fedora.tests()).isEmpty();
        PlanTests centos = new Discovery(tree).discover(DiscoverRequest.all(Context.of(Map.of("distro", "centos-9")))).get(0);
        assertThat(centos.tests()).extracting(t -> t.test().durationSeconds()).containsExactly(600L, 600L);
    }

    @Test
    void thePlanContextAdjustsTheTestsAndTheCallerWins() throws IOException {
        TmtTree tree = tree("main.fmf", """
                /t:
                    test: ./run.sh
                    adjust:
                        when: distro == rhel
                        enabled: false
                """, "plans.fmf", """
                /plan:
                    execute: {how: tmt}
                    discover: {how: fmf}
                    context: {distro: rhel-9}
                """);
        Discovery discovery = new Discovery(tree);
        assertThat(discovery.discover(DiscoverRequest.all(Context.empty())).get(0).tests()).isEmpty();
        assertThat(names(discovery.discover(DiscoverRequest.all(Context.of(Map.of("distro", "fedora")))).get(0)))
                .containsExactly("/t");
    }

    @Test
    void shellDiscoveryAndExecuteScriptMakeTestsFromThePlan() throws IOException {
        TmtTree tree = tree("plans.fmf", """
                /shell:
                    execute: {how: tmt}
                    discover:
                        how: shell
                        tests:
                          - name: Sanity test
                            test: /bin/true
                /script:
                    execute:
                        how: tmt
                        script: echo hello
                """);
        List<PlanTests> plans = new Discovery(tree).discover(DiscoverRequest.all(Context.empty()));
        assertThat(plans).extracting(p -> p.plan().name()).containsExactly("/plans/script", "/plans/shell");
        assertThat(names(plans.get(0))).containsExactly("/script");
        assertThat(plans.get(0).tests().get(0).test().test()).isEqualTo("echo hello");
        assertThat(names(plans.get(1))).containsExactly("/Sanity test");
    }

    @Test
    void disabledPlansAreSkippedAndUnknownPlansRefused() throws IOException {
        TmtTree tree = tree("main.fmf", TESTS, "plans.fmf", """
                /on:
                    execute: {how: tmt}
                    discover: {how: fmf}
                /off:
                    enabled: false
                    execute: {how: tmt}
                    discover: {how: fmf}
                """);
        Discovery discovery = new Discovery(tree);
        assertThat(discovery.discover(DiscoverRequest.all(Context.empty()))).extracting(p -> p.plan().name())
                .containsExactly("/plans/on");
        DiscoverRequest unknown = new DiscoverRequest(List.of("nightly"), false, Context.empty(), null, null, null,
                null, null, List.of());
        assertThatThrownBy(() -> discovery.discover(unknown)).isInstanceOf(NoSuchPlanException.class)
                .hasMessageContaining("nightly").hasMessageContaining("/plans/on");
    }

    @Test
    void testDefaultsFollowTmt() throws IOException {
        TmtTree tree = tree("main.fmf", "contact: someone\n", "area/sub/main.fmf", """
                test: ./run.sh
                tier: 1
                tag: smoke
                require: bash
                environment: {N: 1}
                """);
        TmtTest test = tree.tests(Context.empty()).get(0);
        assertThat(test.name()).isEqualTo("/area/sub");
        assertThat(test.path()).isEqualTo("/area/sub");
        assertThat(test.tier()).isEqualTo("1");
        assertThat(test.tag()).containsExactly("smoke");
        assertThat(test.require()).extracting(Requirement::name).containsExactly("bash");
        assertThat(test.environment()).containsEntry("N", "1");
        assertThat(test.contact()).containsExactly("someone");
        assertThat(test.duration()).isEqualTo("5m");
        assertThat(test.durationSeconds()).isEqualTo(300);
        assertThat(test.order()).isEqualTo(50);
        assertThat(test.result()).isEqualTo("respect");
        assertThat(test.enabled()).isTrue();
        assertThat(test.framework()).isEqualTo("shell");
    }

    @Test
    void invalidTestKeysAreSpecificationErrorsNamingTestAndKey() throws IOException {
        TmtTree tree = tree("main.fmf", """
                id: 1234
                /t:
                    test: ./run.sh
                """);
        assertThatThrownBy(() -> tree.tests(Context.empty())).isInstanceOf(SpecificationException.class)
                .hasMessageContaining("test '/t'").hasMessageContaining("'id'");
        TmtTree result = tree("main.fmf", "test: ./run.sh\nresult: maybe\n");
        assertThatThrownBy(() -> result.tests(Context.empty())).hasMessageContaining("'result'")
                .hasMessageContaining("maybe");
    }
}
