package io.drover.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An fmf tree in a temporary directory and in-process runs of {@code drover exec} on it, with the
 * runner's work directory on the (local) SUT and the artifacts kept in that temporary directory too.
 */
final class ExecFixture implements AutoCloseable {
    /** Where the runner keeps its files for root when nothing else is said: tests must leave it alone. */
    static final Path DEFAULT_WORK_ROOT = Path.of("/var/lib/drover");
    private static final Pattern RUN_ID = Pattern.compile("^drover: run (\\S+): ");

    final Path tree;
    final Path sutWork;
    private final Path temp;
    private final List<String> runIds = new ArrayList<>();
    private final List<Path> treesBefore = entries(DEFAULT_WORK_ROOT.resolve("trees"));
    /** The artifacts of the latest run: each run gets a directory of its own. */
    Path artifacts;

    ExecFixture(Path temp) {
        this.temp = temp;
        artifacts = temp.resolve("artifacts-1");
        tree = temp.resolve("tree");
        sutWork = temp.resolve("sut-work");
        write(".fmf/version", "1\n");
    }

    /** Writes {@code text} to {@code file}, relative to the tree's root. */
    ExecFixture write(String file, String text) {
        Path path = tree.resolve(file);
        try {
            Files.createDirectories(path.getParent());
            Files.writeString(path, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * {@code drover exec --sut-workdir SUT-WORK --artifacts ARTIFACTS ARGS... TREE}; {@code args}
     * must name the SUTs.
     */
    Run exec(String... args) {
        artifacts = temp.resolve("artifacts-" + (runIds.size() + 1));
        List<String> command = new ArrayList<>(List.of("exec", "--sut-workdir", sutWork.toString(),
                "--artifacts", artifacts.toString()));
        command.addAll(List.of(args));
        command.add(tree.toString());
        return execExactly(command.toArray(String[]::new));
    }

    /** {@code drover ARGS...} as given. */
    Run execExactly(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CliRun.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        Run run = new Run(code, out.toString(), err.toString());
        if (run.runId() != null) {
            runIds.add(run.runId());
        }
        return run;
    }

    /** The attempt directory of a test: {@code ARTIFACTS/<plan>/<test>/attempt-1}, names without the leading slash. */
    Path attempt(String plan, String test) {
        return artifacts.resolve(plan.substring(1)).resolve(test.substring(1)).resolve("attempt-1");
    }

    /**
     * Whether a run left anything in the default work directory; used to check that
     * {@code --sut-workdir} was honoured.
     */
    boolean leftFilesInDefaultWorkRoot(Run run) {
        return entries(DEFAULT_WORK_ROOT.resolve("runs")).stream()
                .anyMatch(p -> p.getFileName().toString().startsWith(run.runId()))
                || !newTrees().isEmpty();
    }

    /**
     * A safety net: removes what this fixture's runs may have left in {@link #DEFAULT_WORK_ROOT}
     * ({@code runs/<run-id>} and this tree's copy), should {@code --sut-workdir} ever be ignored.
     */
    @Override
    public void close() {
        for (Path run : entries(DEFAULT_WORK_ROOT.resolve("runs"))) {
            if (runIds.stream().anyMatch(id -> run.getFileName().toString().startsWith(id))) {
                deleteTree(run);
            }
        }
        newTrees().forEach(ExecFixture::deleteTree);
    }

    /** Tree copies that appeared in the default work directory since this fixture was made. */
    private List<Path> newTrees() {
        return entries(DEFAULT_WORK_ROOT.resolve("trees")).stream().filter(p -> !treesBefore.contains(p)).toList();
    }

    private static List<Path> entries(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up " + root, e);
        }
    }

    /** One run: the exit code and what it printed. */
    record Run(int exitCode, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }

        /** The run id from the first line on stderr ({@code drover: run <id>: ...}), or null. */
        String runId() {
            Matcher matcher = RUN_ID.matcher(err);
            return matcher.find() ? matcher.group(1) : null;
        }

        /** The lines on stderr that start with {@code prefix}. */
        List<String> linesStartingWith(String prefix) {
            return errLines().stream().filter(l -> l.startsWith(prefix)).toList();
        }

        /** The summary line, {@code drover: N tests in T: ...}. */
        String summary() {
            return errLines().stream().filter(l -> l.matches("drover: \\d+ tests? in .*")).findFirst().orElse(null);
        }
    }
}
