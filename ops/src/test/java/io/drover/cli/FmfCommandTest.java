package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.fmf.Conformance;
import io.drover.fmf.FmfJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** {@code drover fmf dump|ls|show} of every fixture tree prints what its golden files hold. */
class FmfCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> dumpLsAndShowMatchTheGoldenFiles() throws IOException {
        Path data = Conformance.fmfData();
        List<Path> goldens = Conformance.goldenDumps();
        return goldens.stream().map(golden -> DynamicTest.dynamicTest(golden.getFileName().toString(), () -> {
            JsonNode expected = Conformance.readJson(golden);
            String tree = data.resolve(expected.get("tree").asText()).toString();

            CliRun dump = CliRun.of("fmf", "dump", tree);
            assertThat(dump.exitCode()).as(dump.err()).isZero();
            JsonNode actual = JSON.readTree(dump.out());
            assertThat(actual.get("leaves")).isEqualTo(expected.get("leaves"));
            assertThat(FmfJson.sameJson(actual.get("nodes"), expected.get("nodes")))
                    .as("dump of %s:%n%s", tree, dump.out()).isTrue();
            String compact = CliRun.of("fmf", "dump", "--compact", tree).out();
            assertThat(compact.strip()).doesNotContain("\n");
            assertThat(JSON.readTree(compact)).isEqualTo(actual);

            String base = golden.getFileName().toString().replace(".nodes.json", "");
            Path ls = golden.resolveSibling(base + ".ls.txt");
            if (Files.exists(ls)) {
                assertThat(CliRun.of("fmf", "ls", tree).out()).isEqualTo(Files.readString(ls));
            }
            Path show = golden.resolveSibling(base + ".show.txt");
            if (Files.exists(show)) {
                assertThat(CliRun.of("fmf", "show", tree).out()).isEqualTo(Files.readString(show));
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> lsFiltersAsFmfDoes() {
        String wget = Conformance.fmfData().resolve("examples/wget").toString();
        return Stream.of(
                DynamicTest.dynamicTest("filters are ANDed", () -> assertThat(
                        CliRun.of("fmf", "ls", wget, "--filter", "tags:Tier1", "--filter", "tags:TierSecurity").out())
                        .isEqualTo("/download/test\n")),
                DynamicTest.dynamicTest("a missing key excludes silently", () -> assertThat(
                        CliRun.of("fmf", "ls", wget, "--filter", "x:y").out()).isEmpty()),
                DynamicTest.dynamicTest("--whole lists the root too", () -> assertThat(
                        CliRun.of("fmf", "ls", "--whole", wget).out()).startsWith("/\n/download\n")));
    }

    @TestFactory
    Stream<DynamicTest> dumpAdjustsWithTheContext() {
        String tree = Conformance.fmfData().resolve("unit-inline/adjust-case").toString();
        return Stream.of(
                DynamicTest.dynamicTest("case-insensitive by default", () -> assertThat(
                        JSON.readTree(CliRun.of("fmf", "dump", "-c", "distro=centos-8.4", tree).out())
                                .at("/nodes/~1/enabled").asBoolean()).isFalse()),
                DynamicTest.dynamicTest("--case-sensitive", () -> assertThat(
                        JSON.readTree(CliRun.of("fmf", "dump", "--case-sensitive", "-c", "distro=centos-8.4", tree).out())
                                .at("/nodes/~1/enabled").asBoolean()).isTrue()));
    }
}
