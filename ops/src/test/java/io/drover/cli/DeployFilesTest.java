package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Keeps ops/deploy/ and docs/operations.md honest: every drover command line in the systemd units, the Containerfile
 * and the doc's examples names a command and options that exist and parses as the CLI would parse it; the units pass
 * {@code systemd-analyze verify} where it is installed.
 */
class DeployFilesTest {
    private static final Path DEPLOY = Path.of("deploy");
    private static final Path DOC = Path.of("..", "docs", "operations.md");
    private static final String JAR = "/opt/drover/drover.jar";
    private static final List<String> UNITS = List.of("drover-coordinator.service", "drover-worker@.service",
            "drover-store.service");

    @Test
    void everyUnitRunsADroverCommandThatParses() throws IOException {
        Map<String, String> envFile = envFile(DEPLOY.resolve("drover.env"));
        for (String name : UNITS) {
            Map<String, List<String>> service = section(DEPLOY.resolve(name), "Service");
            List<String> execStart = service.getOrDefault("ExecStart", List.of());
            assertThat(execStart).as("%s: one ExecStart", name).hasSize(1);
            assertThat(service.get("EnvironmentFile")).as("%s: EnvironmentFile", name)
                    .containsExactly("/etc/drover/drover.env");
            Map<String, String> env = new LinkedHashMap<>();
            service.getOrDefault("Environment", List.of()).forEach(line -> env.putAll(assignments(line)));
            env.putAll(envFile); // EnvironmentFile= overrides Environment=, as in systemd

            List<String> words = expand(name, execStart.get(0), env);
            assertThat(words.get(0)).as("%s: ExecStart runs java", name).isEqualTo("/usr/bin/java");
            int jar = words.indexOf("-jar");
            assertThat(jar).as("%s: ExecStart has -jar", name).isPositive();
            assertThat(words.get(jar + 1)).as("%s: the jar", name).isEqualTo(JAR);
            List<String> args = words.subList(jar + 2, words.size());
            assertThat(args).as("%s: a long-running command", name).isNotEmpty();
            assertThat(args.get(0)).isIn("coordinator", "worker", "store");
            assertParses(name, args);
        }
    }

    @Test
    void everyUnitRunsAsItsOwnUserHardenedAndRestarted() throws IOException {
        for (String name : UNITS) {
            Map<String, List<String>> service = section(DEPLOY.resolve(name), "Service");
            for (String[] expected : new String[][] {{"User", "drover"}, {"Group", "drover"},
                    {"Restart", "on-failure"}, {"NoNewPrivileges", "yes"}, {"ProtectSystem", "strict"},
                    {"PrivateTmp", "yes"}, {"ProtectHome", "yes"}}) {
                assertThat(service.get(expected[0])).as("%s: %s", name, expected[0]).containsExactly(expected[1]);
            }
            // ProtectSystem=strict leaves only these writable: the state (results, artifacts) must be under them
            assertThat(service.get("StateDirectory")).as("%s: StateDirectory", name).isNotNull();
            assertThat(String.join(" ", service.get("StateDirectory")).split("\\s+")).contains("drover");
            assertThat(service.get("ExecStart").get(0)).doesNotContain("/tmp/");
            assertThat(service).as("%s: the JIT needs writable code memory", name)
                    .doesNotContainKey("MemoryDenyWriteExecute");
        }
    }

    @Test
    void theContainerfileRunsTheShadedJarAsAUserOtherThanRoot() throws IOException {
        List<String> lines = joinContinuations(Files.readAllLines(DEPLOY.resolve("Containerfile")));
        List<String> from = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
        assertThat(from).as("a build stage and a runtime stage").hasSize(2);
        assertThat(from.get(0)).contains("17").endsWith(" AS build");
        assertThat(from.get(1)).contains("17-jre");
        assertThat(lines).anyMatch(l -> l.startsWith("RUN mvn ") && l.contains(" package") && l.contains("-pl ops -am"));
        assertThat(lines).contains("COPY --from=build /src/ops/target/drover.jar " + JAR);

        int runtime = lines.indexOf(from.get(1));
        List<String> users = lines.subList(runtime, lines.size()).stream().filter(l -> l.startsWith("USER ")).toList();
        assertThat(users).hasSize(1);
        assertThat(users.get(0).substring(5).trim()).isNotIn("root", "0", "0:0");

        assertThat(execForm(lines, "ENTRYPOINT")).containsExactly("java", "-jar", JAR);
        assertParses("Containerfile CMD", execForm(lines, "CMD"));
        // the commands its comments show
        List<List<String>> examples = droverCommands(lines.stream().filter(l -> l.startsWith("#"))
                .map(l -> l.substring(1)).toList());
        assertThat(examples).hasSizeGreaterThanOrEqualTo(2);
        examples.forEach(args -> assertParses("Containerfile comment", args));
    }

    @Test
    void theCommandsInOperationsMdParse() throws IOException {
        List<String> code = new ArrayList<>();
        boolean inFence = false;
        for (String line : Files.readAllLines(DOC)) {
            if (line.startsWith("```")) {
                inFence = !inFence;
            } else if (inFence) {
                code.add(line);
            }
        }
        List<List<String>> commands = droverCommands(code);
        assertThat(commands).as("drover commands in docs/operations.md").hasSizeGreaterThanOrEqualTo(3);
        commands.forEach(args -> assertParses("docs/operations.md", args));
    }

    @Test
    void theUnitsPassSystemdAnalyzeVerify() throws IOException, InterruptedException {
        Path analyze = Stream.of("/usr/bin/systemd-analyze", "/bin/systemd-analyze").map(Path::of)
                .filter(Files::isExecutable).findFirst().orElse(null);
        Assumptions.assumeTrue(analyze != null, "systemd-analyze is not installed: the units were not verified");
        // verify checks that ExecStart's program exists
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/java")),
                "no /usr/bin/java on this machine: systemd-analyze verify would only say so");
        List<String> command = new ArrayList<>(List.of(analyze.toString(), "verify"));
        UNITS.forEach(u -> command.add(DEPLOY.resolve(u).toAbsolutePath().toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).as("systemd-analyze verify's complaints").isEmpty();
        assertThat(process.exitValue()).isZero();
    }

    /** Every option used exists on its command, and picocli parses the whole line as {@code drover} would. */
    private static void assertParses(String where, List<String> args) {
        CommandLine cli = Drover.commandLine(Map.of());
        cli.setExpandAtFiles(false);
        CommandLine command = cli.getSubcommands().get(args.get(0));
        if (!args.get(0).startsWith("-")) {
            assertThat(command).as("%s: drover has a command '%s'", where, args.get(0)).isNotNull();
            int at = 1;
            while (at < args.size() && command.getSubcommands().containsKey(args.get(at))) { // drover runs ls
                command = command.getSubcommands().get(args.get(at++));
            }
            for (String arg : args.subList(at, args.size())) {
                if (arg.startsWith("--")) {
                    String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                    assertThat(command.getCommandSpec().findOption(option))
                            .as("%s: '%s' has an option %s", where, command.getCommandSpec().qualifiedName(), option)
                            .isNotNull();
                }
            }
        }
        try {
            CommandLine.ParseResult parsed = cli.parseArgs(args.toArray(String[]::new));
            if (command != null) {
                assertThat(parsed.subcommand().commandSpec().name()).isEqualTo(args.get(0));
            }
        } catch (CommandLine.ParameterException e) {
            fail(where + ": drover " + String.join(" ", args) + ": " + e.getMessage());
        }
    }

    /** The keys of one section of a unit file, each with its values in order; continuation lines joined. */
    private static Map<String, List<String>> section(Path unit, String name) throws IOException {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        String current = null;
        for (String line : joinContinuations(Files.readAllLines(unit))) {
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                current = line.substring(1, line.indexOf(']'));
            } else if (name.equals(current)) {
                int eq = line.indexOf('=');
                assertThat(eq).as("%s: %s", unit, line).isPositive();
                keys.computeIfAbsent(line.substring(0, eq).trim(), k -> new ArrayList<>())
                        .add(line.substring(eq + 1).trim());
            }
        }
        assertThat(keys).as("%s: section [%s]", unit, name).isNotEmpty();
        return keys;
    }

    private static List<String> joinContinuations(List<String> lines) {
        List<String> joined = new ArrayList<>();
        StringBuilder pending = null;
        for (String raw : lines) {
            String line = raw.strip();
            boolean continues = line.endsWith("\\");
            String body = continues ? line.substring(0, line.length() - 1).strip() : line;
            if (pending != null) {
                pending.append(' ').append(body.startsWith("#") ? body.substring(1).strip() : body);
            } else {
                pending = new StringBuilder(body);
            }
            if (!continues) {
                joined.add(pending.toString());
                pending = null;
            }
        }
        if (pending != null) {
            joined.add(pending.toString());
        }
        return joined;
    }

    /** {@code Environment=A=1 B=2}. */
    private static Map<String, String> assignments(String line) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String word : line.trim().split("\\s+")) {
            int eq = word.indexOf('=');
            assertThat(eq).as("Environment=%s", line).isPositive();
            env.put(word.substring(0, eq), word.substring(eq + 1));
        }
        return env;
    }

    /** KEY=VALUE lines, the value being the rest of the line (as systemd reads an EnvironmentFile). */
    private static Map<String, String> envFile(Path file) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int eq = l.indexOf('=');
            assertThat(eq).as("%s: %s", file, line).isPositive();
            env.put(l.substring(0, eq), l.substring(eq + 1));
        }
        return env;
    }

    private static final Pattern BRACED = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern BARE = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)");

    /**
     * ExecStart's words after systemd's expansion: {@code $VAR} as a whole word splits into words, {@code ${VAR}} is
     * replaced within its word; {@code %i} and {@code %H} are an instance and a host name.
     */
    private static List<String> expand(String unit, String execStart, Map<String, String> env) {
        assertThat(execStart).as("%s: this test does not handle quotes in ExecStart", unit).doesNotContain("\"", "'");
        List<String> words = new ArrayList<>();
        for (String word : execStart.trim().split("\\s+")) {
            word = word.replace("%i", "1").replace("%H", "host.example.org");
            Matcher bare = BARE.matcher(word);
            if (bare.matches()) {
                String value = value(unit, env, bare.group(1));
                Arrays.stream(value.trim().split("\\s+")).filter(w -> !w.isEmpty()).forEach(words::add);
                continue;
            }
            Matcher braced = BRACED.matcher(word);
            StringBuilder out = new StringBuilder();
            while (braced.find()) {
                braced.appendReplacement(out, Matcher.quoteReplacement(value(unit, env, braced.group(1))));
            }
            braced.appendTail(out);
            assertThat(out.toString()).as("%s: unexpanded %s", unit, word).doesNotContain("$", "%");
            words.add(out.toString());
        }
        return words;
    }

    private static String value(String unit, Map<String, String> env, String name) {
        assertThat(env).as("%s uses $%s: set it in the unit (Environment=) or in drover.env", unit, name)
                .containsKey(name);
        return env.get(name);
    }

    /** A Containerfile instruction in exec form: {@code ENTRYPOINT ["java", "-jar", ...]}. */
    private static List<String> execForm(List<String> lines, String instruction) {
        List<String> found = lines.stream().filter(l -> l.startsWith(instruction + " ")).toList();
        assertThat(found).as("one %s", instruction).hasSize(1);
        String array = found.get(0).substring(instruction.length()).trim();
        assertThat(array).as("%s in exec form", instruction).startsWith("[").endsWith("]");
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"").matcher(array);
        while (m.find()) {
            words.add(m.group(1));
        }
        assertThat(words).isNotEmpty();
        return words;
    }

    /**
     * The drover command lines among shell lines: from a word {@code drover}, {@code ./drover} or {@code drover.jar}
     * followed by a command of drover's, up to the end of the shell command.
     */
    private static List<List<String>> droverCommands(List<String> shellLines) {
        CommandLine cli = Drover.commandLine(Map.of());
        List<List<String>> commands = new ArrayList<>();
        for (String line : joinContinuations(shellLines)) {
            List<String> words = Arrays.asList(line.trim().split("\\s+"));
            for (int i = 0; i + 1 < words.size(); i++) {
                String w = words.get(i);
                boolean drover = w.equals("drover") || w.equals("./drover") || w.endsWith("/drover.jar");
                if (drover && cli.getSubcommands().containsKey(words.get(i + 1))) {
                    List<String> args = new ArrayList<>();
                    for (String arg : words.subList(i + 1, words.size())) {
                        if (arg.equals("&") || arg.equals("&&") || arg.equals("|") || arg.equals(";")
                                || arg.startsWith("#") || arg.startsWith(">") || arg.startsWith("2>")) {
                            break;
                        }
                        args.add(arg);
                    }
                    commands.add(args);
                    break;
                }
            }
        }
        return commands;
    }
}
