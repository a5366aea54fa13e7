package io.drover.worker.runner;

import static io.drover.worker.sut.ShellWords.quote;

import io.drover.worker.sut.CommandResult;
import io.drover.worker.sut.SutConnection;
import io.drover.worker.sut.SutException;
import io.drover.worker.sut.SutFailureClass;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One run's directory on one SUT, in a place that survives reboots:
 * {@code $DROVER_WORK_ROOT} when the SUT's environment sets it, else {@code /var/lib/drover} for
 * root and {@code ~/.local/state/drover} for anyone else. It holds {@code runs/<run>-<sut>/bin}
 * (the runner and tmt's helpers), {@code runs/<run>-<sut>/plans/<plan>} ({@code data/} and the
 * plan's environment file) and {@code runs/<run>-<sut>/tests/<attempt>}; the fmf tree is kept in
 * {@code trees/<key>} across runs, so that a later run sends only what changed.
 */
public final class SutWorkspace {
    private static final Duration QUICK = Duration.ofSeconds(30);

    private final SutConnection sut;
    private final String runDir;
    private final String treeDir;
    private final Set<String> plansReady = ConcurrentHashMap.newKeySet();

    private SutWorkspace(SutConnection sut, String runDir, String treeDir) {
        this.sut = sut;
        this.runDir = runDir;
        this.treeDir = treeDir;
    }

    /** Creates the run's directory on the SUT, installs the runner and brings the fmf tree up to date. */
    public static SutWorkspace open(SutConnection sut, String runId, Path localTree) throws SutException {
        return open(sut, runId, localTree, null);
    }

    /** {@link #open(SutConnection, String, Path)} under {@code workRoot} (absolute) instead of the SUT's default. */
    public static SutWorkspace open(SutConnection sut, String runId, Path localTree, String workRoot)
            throws SutException {
        SutWorkspace workspace = at(sut, runId, localTree, workRoot);
        workspace.check("mkdir -p " + quote(workspace.runDir + "/bin") + " " + quote(workspace.runDir + "/tests")
                + " " + quote(workspace.treeDir), "create the work directory");
        RunnerScripts.install(sut, workspace.runDir + "/bin");
        TreeSync.sync(sut, localTree, workspace.treeDir);
        return workspace;
    }

    /**
     * Where the run's workspace is or would be on the SUT, creating nothing there (it asks the SUT for its
     * work root when {@code workRoot} is null); {@link #open} makes it usable.
     */
    public static SutWorkspace at(SutConnection sut, String runId, Path localTree, String workRoot)
            throws SutException {
        String root = workRoot != null ? workRoot : workRoot(sut);
        // named after the SUT too: SUTs sharing a machine and a work directory (simulated ones, say) never collide
        String sutName = SafeNames.of(sut.address().display());
        return new SutWorkspace(sut, root + "/runs/" + runId + "-" + sutName, root + "/trees/" + treeKey(localTree, sutName));
    }

    public SutConnection sut() {
        return sut;
    }

    /** {@code TMT_TREE}: the fmf tree on the SUT. */
    public String treeDir() {
        return treeDir;
    }

    /** The run's directory on the SUT, {@code <work root>/runs/<run>-<sut>}. */
    public String runDir() {
        return runDir;
    }

    /** A file next to the run's directory that outlives it: says the run is over on this SUT. */
    public String releasedFile() {
        return runDir + ".released";
    }

    public String binDir() {
        return runDir + "/bin";
    }

    /** The runner's command line prefix. */
    public String runner() {
        return quote(binDir() + "/" + RunnerScripts.RUNNER);
    }

    /** {@code TMT_PLAN_DATA} of a plan. */
    public String planData(String plan) {
        return planDir(plan) + "/data";
    }

    /** {@code TMT_PLAN_ENVIRONMENT_FILE} of a plan. */
    public String planEnvironmentFile(String plan) {
        return planDir(plan) + "/environment";
    }

    /**
     * Creates the plan's data directory and an empty environment file, once per run. An environment file that
     * is there already is kept: another worker may have prepared the plan and run tests that wrote to it.
     */
    public void preparePlan(String plan) throws SutException {
        if (plansReady.contains(plan)) {
            return;
        }
        String environment = quote(planEnvironmentFile(plan));
        check("mkdir -p " + quote(planData(plan)) + " && { [ -e " + environment + " ] || : > " + environment + "; }",
                "create the directory of plan " + plan);
        plansReady.add(plan);
    }

    /** Removes the run's directory from the SUT (the fmf tree stays); a failure changes nothing. */
    public void removeRun() {
        try {
            sut.run("rm -rf " + quote(runDir), QUICK);
        } catch (SutException e) {
            // the SUT keeps some files; the next run does not need them
        }
    }

    /** The directory of one test attempt. */
    public String invocationDir(TestInvocation invocation) {
        return runDir + "/tests/" + invocation.directoryName();
    }

    private String planDir(String plan) {
        return runDir + "/plans/" + SafeNames.of(plan);
    }

    private void check(String command, String what) throws SutException {
        CommandResult result = sut.run(command, QUICK);
        if (!result.succeeded()) {
            throw new SutException(SutFailureClass.SETUP, sut.address().display() + ": cannot " + what + ": "
                    + firstLine(result.stderr()));
        }
    }

    private static String workRoot(SutConnection sut) throws SutException {
        CommandResult result = sut.run("if [ -n \"${DROVER_WORK_ROOT:-}\" ]; then printf '%s\\n' \"$DROVER_WORK_ROOT\"; "
                + "elif [ \"$(id -u)\" = 0 ]; then echo /var/lib/drover; "
                + "else printf '%s\\n' \"$HOME/.local/state/drover\"; fi", QUICK);
        String root = result.stdout().strip();
        if (!result.succeeded() || !root.startsWith("/")) {
            throw new SutException(SutFailureClass.SETUP, sut.address().display()
                    + ": cannot find a work directory (DROVER_WORK_ROOT, /var/lib/drover or ~/.local/state/drover): "
                    + firstLine(result.stderr()));
        }
        return root;
    }

    private static String treeKey(Path localTree, String sutName) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((localTree.toAbsolutePath().normalize() + "\n" + sutName).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String firstLine(String text) {
        return text.strip().lines().findFirst().orElse("(no message)");
    }
}
