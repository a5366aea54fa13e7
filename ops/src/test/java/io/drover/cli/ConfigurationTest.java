package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Options from the command line, else the environment, else the configuration file, else the built-in default. */
class ConfigurationTest {
    @TempDir
    Path home;
    private final Map<String, String> environment = new HashMap<>();
    private Path config;

    @BeforeEach
    void noConfigurationYet() {
        environment.put("HOME", home.toString());
        environment.put("XDG_CONFIG_HOME", home.resolve("xdg").toString());
        config = home.resolve("xdg/drover/drover.yaml");
    }

    private void configure(String yaml) throws IOException {
        Files.createDirectories(config.getParent());
        Files.writeString(config, yaml);
    }

    private CliRun drover(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Drover.run(args, new PrintWriter(out, true), new PrintWriter(err, true), environment);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Parses the command line as {@code drover} does, without running it; returns the command's spec. */
    private CommandSpec parsed(String... args) {
        List<CommandLine> commands = Drover.commandLine(environment).parseArgs(args).asCommandLineList();
        return commands.get(commands.size() - 1).getCommandSpec();
    }

    private static Object value(CommandSpec command, String option) {
        return command.findOption(option).getValue();
    }

    private static void assertOneLineError(CliRun run, String... fragments) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().strip()).doesNotContain("\n").doesNotContain("Exception").contains(fragments);
    }

    @Test
    void flagBeatsEnvironmentBeatsFileBeatsDefault() throws IOException {
        assertThat(value(parsed("worker", "--kafka", "k:9092"), "--capacity")).isEqualTo(50);
        configure("worker:\n  capacity: 7\n");
        assertThat(value(parsed("worker", "--kafka", "k:9092"), "--capacity")).isEqualTo(7);
        environment.put("DROVER_WORKER_CAPACITY", "8");
        assertThat(value(parsed("worker", "--kafka", "k:9092"), "--capacity")).isEqualTo(8);
        assertThat(value(parsed("worker", "--kafka", "k:9092", "--capacity", "9"), "--capacity")).isEqualTo(9);
    }

    @Test
    void theCommandRunsWithTheConfiguredValues() throws IOException {
        configure("common:\n  kafka: nowhere:9092\ncoordinator:\n  partitions: 0\n");
        assertOneLineError(drover("coordinator"), "--partitions must be 1 or more, not 0");
        environment.put("DROVER_COORDINATOR_PARTITIONS", "-1");
        assertOneLineError(drover("coordinator"), "not -1");
        assertOneLineError(drover("coordinator", "--partitions", "-2"), "not -2");
    }

    @Test
    void aCommandsOwnKeyBeatsTheSharedOneAndTheEnvironmentBeatsTheFile() throws IOException {
        configure("common:\n  kafka: shared:1\n  namespace: farm\nstore:\n  kafka: own:2\n");
        assertThat(value(parsed("store"), "--kafka")).isEqualTo("own:2");
        assertThat(value(parsed("worker"), "--kafka")).isEqualTo("shared:1");
        assertThat(value(parsed("worker"), "--namespace")).isEqualTo("farm");
        environment.put("DROVER_KAFKA", "env:3");
        assertThat(value(parsed("store"), "--kafka")).isEqualTo("env:3");
        environment.put("DROVER_STORE_KAFKA", "env-store:4");
        assertThat(value(parsed("store"), "--kafka")).isEqualTo("env-store:4");
        assertThat(value(parsed("worker"), "--kafka")).isEqualTo("env:3");
    }

    @Test
    void nullOrAnEmptyVariableRestoresTheBuiltInDefault() throws IOException {
        configure("common:\n  kafka: shared:1\nrun:\n  kafka: ~\n");
        assertThat(value(parsed("run", "--pool", "sim:1"), "--kafka")).isNull();
        environment.put("DROVER_NAMESPACE", "");
        assertThat(value(parsed("worker"), "--namespace")).isEqualTo("drover");
    }

    @Test
    void configFlagBeatsDroverConfigBeatsTheUsersFile() throws IOException {
        configure("worker:\n  capacity: 1\n");
        Path other = Files.writeString(home.resolve("other.yaml"), "worker:\n  capacity: 2\n");
        Path flag = Files.writeString(home.resolve("flag.yaml"), "worker:\n  capacity: 3\n");
        assertThat(value(parsed("worker", "--kafka", "k:1"), "--capacity")).isEqualTo(1);
        environment.put("DROVER_CONFIG", other.toString());
        assertThat(value(parsed("worker", "--kafka", "k:1"), "--capacity")).isEqualTo(2);
        assertThat(value(parsed("--config", flag.toString(), "worker", "--kafka", "k:1"), "--capacity")).isEqualTo(3);
    }

    @Test
    void listsAndBooleansFromTheFileAndTheEnvironment() throws IOException {
        Path tree = home.resolve("tree");
        Files.createDirectories(tree.resolve(".fmf"));
        Files.writeString(tree.resolve(".fmf/version"), "1\n");
        Files.writeString(tree.resolve("main.fmf"), "/tests/one:\n  test: ./run.sh\n/plans:\n  discover: {how: fmf}\n"
                + "  execute: {how: tmt}\n  /a: {}\n  /b: {}\n  /c: {}\n");
        configure("discover:\n  json: true\n  plan: [/plans/a, /plans/c]\n");
        CliRun run = drover("discover", tree.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(new ObjectMapper().readValue(run.out(), Map.class)).isEqualTo(
                Map.of("/plans/a", List.of("/tests/one"), "/plans/c", List.of("/tests/one")));

        environment.put("DROVER_DISCOVER_PLAN", "[/plans/b, /plans/c]");
        assertThat(drover("discover", tree.toString()).out()).doesNotContain("/plans/a").contains("/plans/b", "/plans/c");
        environment.put("DROVER_DISCOVER_JSON", "false");
        assertThat(drover("discover", "--plan", "/plans/a", tree.toString()).out()).doesNotContain("{").contains("/plans/a");
    }

    @Test
    void aRequiredRepeatableOptionTakesItsWholeListFromTheFile() throws IOException {
        configure("exec:\n  sut: [local, local]\n");
        assertOneLineError(drover("exec"), "--sut local is given twice");
        assertOneLineError(drover("exec", "--sut", "ssh://", "--sut", "ssh://"), "--sut ssh:// is given twice");
    }

    @Test
    void theTopLevelHelpShowsTheConfigFlag() {
        assertThat(drover("--help").out()).contains("--config=FILE");
    }

    @Test
    void unknownSectionNamesFileLineAndTheClosestSection() throws IOException {
        configure("common:\n  kafka: k:1\ncoordinater:\n  http: 8080\n");
        assertOneLineError(drover("worker"), config + ":3: unknown section 'coordinater' (did you mean 'coordinator'?)");
    }

    @Test
    void unknownKeyNamesFileLineAndTheClosestKey() throws IOException {
        configure("coordinator:\n  kafka: k:1\n  partitons: 3\n");
        assertOneLineError(drover("worker"), config + ":3: unknown key 'partitons' in section 'coordinator' (did you mean 'partitions'?)");
        configure("runs:\n  ls:\n    limt: 3\n");
        assertOneLineError(drover("worker"), config + ":3: unknown key 'limt' in section 'runs ls' (did you mean 'limit'?)");
        configure("common:\n  capacity: 3\n");
        assertOneLineError(drover("worker"), config + ":2: key 'capacity' is not shared: set it in section 'run' or 'worker'");
    }

    @Test
    void aValueTheTypeRefusesNamesFileLineAndKey() throws IOException {
        configure("worker:\n  kafka: k:1\n  capacity: lots\n");
        assertOneLineError(drover("worker"), config + ":3: key 'capacity' of section 'worker': 'lots' is not an int");
        configure("worker:\n  kafka: [k:1, k:2]\n");
        assertOneLineError(drover("worker"), config + ":2", "key 'kafka' of section 'worker' takes one value, not a list");
    }

    @Test
    void badYamlNamesFileLineAndColumn() throws IOException {
        configure("worker:\n  kafka: [k:1\n");
        assertOneLineError(drover("worker"), config + ":3:1: invalid YAML");
        configure("worker:\n  kafka: k:1\n  kafka: k:2\n");
        assertOneLineError(drover("worker"), config + ":3: duplicate key 'kafka'");
        configure("- worker\n");
        assertOneLineError(drover("worker"), config + ":1: the configuration must be a mapping of sections");
        configure("worker: 3\n");
        assertOneLineError(drover("worker"), config + ":1: section 'worker' must be a mapping of keys");
    }

    @Test
    void aMissingConfigFileGivenIsAnError() {
        assertOneLineError(drover("--config", home.resolve("none.yaml").toString(), "worker"), "none.yaml: no such configuration file");
        environment.put("DROVER_CONFIG", home.resolve("gone.yaml").toString());
        assertOneLineError(drover("worker"), "gone.yaml: no such configuration file");
    }

    @Test
    void aVariableNamingACommandAndNoOptionOfItIsAnError() {
        environment.put("DROVER_WORKER_KAFKA", "k:1");
        environment.put("DROVER_WORKER_CAPACTY", "3");
        assertOneLineError(drover("worker"), "environment variable DROVER_WORKER_CAPACTY: 'drover worker' has no option --capacty (did you mean 'capacity'?)");
    }

    @Test
    void aVariableTheTypeRefusesIsAnError() {
        environment.put("DROVER_WORKER_KAFKA", "k:1");
        environment.put("DROVER_WORKER_CAPACITY", "lots");
        assertOneLineError(drover("worker"), "environment variable DROVER_WORKER_CAPACITY: 'lots' is not an int");
    }

    @Test
    void unrelatedVariablesAreIgnored() {
        environment.put("DROVER_FMF_CACHE", home.resolve("cache").toString());
        environment.put("DROVER_JAVA_OPTS", "-Xmx1g");
        environment.put("DROVER_SOMETHING", "else");
        environment.put("DROVER_WORK_ROOT", "/tmp");
        assertThat(value(parsed("worker", "--kafka", "k:1"), "--capacity")).isEqualTo(50);
    }
}
