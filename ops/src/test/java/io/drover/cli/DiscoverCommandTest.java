package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.fmf.Conformance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code drover discover|tests|plans} on the tmt fixture trees print what tmt selects. */
class DiscoverCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String tree(String name) {
        return Conformance.tmtData().resolve(name).toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> discoverJson(String... args) throws Exception {
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readValue(run.out(), Map.class);
    }

    @Test
    void testKeyKeepsListingOrderAndDuplicates() throws Exception {
        assertThat(discoverJson("discover", "--json", "--plan", "/plans/test", tree("tests/discover/select/data")))
                .containsExactly(Map.entry("/plans/test", List.of("/tests/three", "/tests/one", "/tests/three")));
    }

    @Test
    void commandLineFilterReplacesThePlanFilter() throws Exception {
        assertThat(discoverJson("discover", "--json", "--plan", "filtered", "--filter", "tier:1",
                tree("tests/test/select/data")))
                .containsExactly(Map.entry("/plans/filtered", List.of("/tests/tier/one")));
    }

    @Test
    void nameNarrowsWhatThePlanSelected() throws Exception {
        assertThat(discoverJson("discover", "--json", "--plan", "duplicate", "--name", "two",
                tree("tests/test/select/data")))
                .containsExactly(Map.entry("/plans/duplicate", List.of("/tests/tier/two", "/tests/tier/two", "/tests/tier/two")));
    }

    @Test
    void contextEnablesTests() throws Exception {
        assertThat(discoverJson("discover", "--json", "-c", "subdir=1", "--plan", "filtered", tree("tests/test/select/data")))
                .containsExactly(Map.entry("/plans/filtered", List.of("/subdir")));
    }

    @Test
    void contextComesFromAYamlFileToo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("context.yaml");
        java.nio.file.Files.writeString(file, "subdir: 1\ndistro: [fedora-41, fedora-42]\n");
        assertThat(discoverJson("discover", "--json", "-c", "@" + file, "--plan", "filtered", tree("tests/test/select/data")))
                .containsExactly(Map.entry("/plans/filtered", List.of("/subdir")));
    }

    @Test
    void defaultPlanDiscoversEveryTestWithLinks() throws Exception {
        assertThat(discoverJson("discover", "--json", "--default", "--link", "verifies:.*/issues/870",
                tree("tests/discover/link/data")))
                .containsExactly(Map.entry("/default/plan", List.of("/tests/verifying")));
    }

    @Test
    void textOutputListsEachPlanAndItsTests() {
        CliRun run = CliRun.of("discover", "--plan", "include", tree("tests/discover/select/data"));
        assertThat(run.out()).isEqualTo("/plans/include\n    2 tests selected\n    /tests/one\n    /tests/three\n");
    }

    @Test
    void testsAndPlansListInTmtOrder() {
        assertThat(CliRun.of("tests", "ls", "--root", tree("tests/discover/select/data")).out())
                .isEqualTo("/tests/one\n/tests/two\n/tests/three\n/tests/four\n");
        assertThat(CliRun.of("tests", "ls", "--root", tree("tests/test/select/data"), "--filter", "tier:1,2").out())
                .isEqualTo("/tests/tier/one\n/tests/tier/two\n");
        assertThat(CliRun.of("plans", "ls", "--root", tree("tests/prepare/shell/data")).out())
                .isEqualTo("/custom\n/environment\n/multiple\n/reboot\n/url\n");
    }

    @Test
    void showsPrintNormalizedMetadata() {
        CliRun tests = CliRun.of("tests", "show", "--root", tree("tests/prepare/adjust/data"), "-c", "distro=centos-7", "defined");
        assertThat(tests.out()).contains("/tests/defined").contains("python2 smoke.py").contains("python2 and PyYAML")
                .contains("duration 5m");
        CliRun plans = CliRun.of("plans", "show", "--root", tree("tests/prepare/adjust/data"), "-c", "distro=centos-7", "defined");
        assertThat(plans.out()).contains("/plans/defined").contains("'package': ['python2', 'PyYAML']");
    }
}
