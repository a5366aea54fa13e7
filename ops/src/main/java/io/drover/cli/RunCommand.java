package io.drover.cli;

import io.drover.coordinator.farm.FarmClients;
import io.drover.coordinator.policy.KnownIssueRules;
import io.drover.coordinator.pool.ProvisionException;
import io.drover.result.RunTally;
import io.drover.coordinator.farm.FarmException;
import io.drover.coordinator.store.StoreException;
import io.drover.coordinator.farm.IntakeTree;
import io.drover.coordinator.farm.RunIntake;
import io.drover.coordinator.farm.RunRequest;
import io.drover.coordinator.farm.RunSubmitter;
import io.drover.coordinator.farm.RunTail;
import io.drover.event.Event;
import io.drover.event.JobFinished;
import io.drover.event.RunCreated;
import io.drover.event.RunFinished;
import io.drover.event.RunPolicy;
import io.drover.event.SutState;
import io.drover.event.TestFinished;
import io.drover.event.TestPending;
import io.drover.event.TestStarted;
import io.drover.event.TestVerdict;
import io.drover.job.FarmTopics;
import io.drover.job.Job;
import io.drover.result.FailureClass;
import io.drover.tmt.TmtTree;
import io.drover.tree.GitCheckouts;
import io.drover.tree.GitException;
import io.drover.worker.farm.WorkerConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drover run}: submit a run to a farm (or to one started in this process) and follow it to its end. */
@Command(name = "run", description = {"Run the plans' tests on a pool of SUTs through the farm: Kafka, the coordinator and workers.",
        "Without --kafka, a broker, the coordinator and workers start inside this process.",
        "The tree is a directory, or a git repository's URL (https://, ssh://, user@host:path, file://; with --ref, a "
                + "local repository's path too); its ref is resolved to a commit once, and every worker runs that "
                + "commit.",
        "Prints the run id first, a line per test, a progress line on a terminal, and a summary.",
        "Exit codes: 0 all passed, 1 a test failed, 2 a test errored, 3 nothing ran, 4 all skipped, "
                + "5 the infrastructure failed (SUT lost, SSH, setup, worker), 130 interrupted."})
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH|URL", description = "A directory in the fmf tree "
            + "(default: .), or a git repository whose root is the fmf tree's.")
    String tree = ".";
    @Option(names = "--ref", paramLabel = "REF", description = "The git repository's branch, tag or commit to run "
            + "(default: its HEAD); makes PATH a git repository too.")
    String ref;
    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "The farm's Kafka (a coordinator and workers must run there). "
            + "Default: start everything in this process.")
    String kafka;
    @Option(names = "--pool", required = true, paramLabel = "FILE|sim:N", description = "The SUTs: a pool file (see docs/pools.md) "
            + "or sim:N for N simulated SUTs started in this process (the workers must run on this machine).")
    String pool;
    @Mixin
    KafkaConfigFlag kafkaConfig;
    @Mixin
    SelectionFlags selection;
    @Mixin
    ContextOptions context;
    @Option(names = "--retries", paramLabel = "N", description = "More attempts after an infrastructure failure (sut-lost, sut-setup, worker-lost), each on another SUT (default: 2).")
    int infraRetries = RunPolicy.DEFAULT.infraRetries();
    @Option(names = "--test-retries", paramLabel = "N", description = "More attempts after a test failed or timed out; one that then passes is flaky (default: 0).")
    int testRetries = RunPolicy.DEFAULT.testRetries();
    @Option(names = "--sut-strikes", paramLabel = "N", description = "Setup failures after which a SUT is taken out of the run (default: 2).")
    int sutStrikes = RunPolicy.DEFAULT.sutStrikes();
    @Option(names = "--known-issues", paramLabel = "FILE", description = "Known-issue rules (see docs/pools.md): a failure "
            + "that matches one is marked with its issue; its outcome stands.")
    Path knownIssues;
    @Mixin
    FarmOptions farm;
    @Mixin
    DatabaseFlag database;
    @Mixin
    NamespaceFlag namespace;
    @Option(names = "--hint-after", hidden = true, paramLabel = "SECONDS", description = "With --kafka: after how long "
            + "without news of the run to say what may be missing (default: 30).")
    int hintAfter = 30;
    /** The Kafka client properties of --kafka-config, for a farm given with --kafka. */
    private Map<String, Object> kafkaProperties = Map.of();
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        kafkaProperties = kafka == null ? Map.of() : kafkaConfig.properties();
        if (infraRetries < 0 || testRetries < 0 || sutStrikes < 1) {
            throw new ExitCodes.UsageException("--retries and --test-retries must be 0 or more, --sut-strikes 1 or more");
        }
        if (!IntakeTree.fromGit(tree, ref) && !Files.isDirectory(Path.of(tree))) {
            throw new ExitCodes.UsageException(tree + ": no such directory");
        }
        FarmTopics topics = namespace.topics();
        if (database.url != null && kafka != null) {
            throw new ExitCodes.UsageException("--db applies to the farm this command starts; with --kafka, the farm's "
                    + "coordinator stores the results");
        }
        KnownIssueRules rules = knownIssues == null ? KnownIssueRules.NONE : KnownIssueRules.read(knownIssues);
        rules.expiredWarnings(java.time.LocalDate.now()).forEach(line -> err.println("drover: warning: " + line));
        IntakeTree intake = readTree();
        TmtTree tree = intake.loaded();
        String runId = RunIntake.newRunId();
        Map<String, List<String>> dimensions = context.context().dimensions();
        // the split needs the pool's SUTs, so a bad tree is found after a pool file but before any broker starts
        try (RunPool suts = RunPool.open(pool, runId, dimensions, Integer.MAX_VALUE, farm.worker.execution.ssh.options())) {
            RunRequest request = new RunRequest(intake.tree(), intake.commit(), selection.plans(tree),
                    selection.names(tree), selection.defaultPlan, dimensions, pool, suts.suts(),
                    new RunPolicy(infraRetries, testRetries, sutStrikes), rules.data());
            RunIntake.SplitRun split = RunIntake.split(request, runId, intake);
            if (split.tests().isEmpty()) {
                RunConsole console = new RunConsole(err, false);
                console.started(runId, 0, split.created().plans().size(), suts.suts().size(), null);
                return console.finished(null);
            }
            try (EmbeddedFarm embedded = kafka == null ? EmbeddedFarm.start(farm, topics, database, err) : null) {
                String bootstrap = embedded != null ? embedded.bootstrap() : kafka;
                if (embedded != null) {
                    embedded.startWorkers(suts.ssh());
                } else if (suts.simulatedLogin() != null) {
                    err.println("drover: simulated SUTs in this process; workers log in to them with "
                            + suts.simulatedLogin());
                }
                try (KafkaProducer<String, String> producer = FarmClients.producer(bootstrap,
                        withDefault(kafkaProperties, "max.block.ms", 20_000), "drover-run")) {
                    RunSubmitter submitter = new RunSubmitter(producer, topics);
                    RecordMetadata where = submitter.submit(split);
                    return follow(split, where, bootstrap, topics, submitter, embedded, err);
                }
            }
        } catch (ProvisionException e) {
            err.println("drover: error: the pool " + pool + " has no SUT for this run: " + e.getMessage());
            return RunTally.INFRASTRUCTURE;
        } catch (FarmException | StoreException e) {
            err.println("drover: error: " + e.getMessage());
            return ExitCodes.IO_ERROR;
        } catch (KafkaException e) {
            err.println("drover: error: Kafka at " + (kafka == null ? "the embedded broker" : kafka) + ": "
                    + e.getMessage());
            return ExitCodes.IO_ERROR;
        }
    }

    /**
     * The tree at a path, or a git repository's commit: checked out where this command's workers look for it first,
     * or (with --kafka) in this user's cache.
     */
    private IntakeTree readTree() {
        if (!IntakeTree.fromGit(tree, ref)) {
            return IntakeTree.ofPath(TmtTree.load(Path.of(tree)));
        }
        GitCheckouts checkouts = kafka == null ? new GitCheckouts(WorkerConfig.gitCache(farm.worker.artifacts))
                : GitCheckouts.inUserCache();
        try {
            return IntakeTree.of(tree, ref, checkouts);
        } catch (GitException e) {
            throw new ExitCodes.UsageException(e.getMessage());
        }
    }

    private int follow(RunIntake.SplitRun split, RecordMetadata where, String bootstrap, FarmTopics topics,
                       RunSubmitter submitter, EmbeddedFarm embedded, PrintWriter err) {
        RunConsole console = new RunConsole(err, System.console() != null);
        String runId = split.runId();
        console.started(runId, split.tests().size(), split.created().plans().size(), split.created().suts().size(),
                embedded == null ? "on " + bootstrap : "artifacts in " + embedded.artifacts().resolve(runId));
        Map<String, AttemptSeen> attempts = new HashMap<>();
        boolean plans = split.created().plans().size() > 1;
        AtomicBoolean moving = new AtomicBoolean();
        Timer quiet = new Timer("drover-run-quiet", true);
        if (embedded == null) {
            quiet.schedule(new TimerTask() {
                @Override
                public void run() {
                    if (!moving.get()) {
                        console.line(quietHint(bootstrap, topics));
                    }
                }
            }, hintAfter * 1000L);
        }
        try (RunTail watch = new RunTail(bootstrap, kafkaProperties, topics, runId, false, where.offset() - 1);
             Interrupts interrupts = Interrupts.cancel(reason -> submitter.cancel(runId, null, null, reason), err)) {
            RunFinished finished = watch.follow((event, line, offset) -> {
                // the run's creation and tests are what this command published: news is what follows
                if (!(event instanceof RunCreated || event instanceof TestPending)) {
                    moving.set(true);
                }
                show(event, console, attempts, plans);
            });
            if (finished == null) {
                err.println("drover: stopped following run " + runId);
                return ExitCodes.SOFTWARE;
            }
            console.finished(embedded == null ? null : "artifacts in " + embedded.artifacts().resolve(runId));
            return interrupts.happened() ? ExitCodes.INTERRUPTED : finished.exitCode();
        } finally {
            quiet.cancel();
        }
    }

    private static Map<String, Object> withDefault(Map<String, Object> properties, String key, Object value) {
        Map<String, Object> all = new java.util.HashMap<>(properties);
        all.putIfAbsent(key, value);
        return all;
    }

    /** Why a run on a farm may not have moved: no worker, or no coordinator (which Kafka cannot show). */
    private String quietHint(String bootstrap, FarmTopics topics) {
        String farm = bootstrap + (topics.equals(FarmTopics.DEFAULT) ? "" : " --namespace " + topics.namespace());
        int workers = FarmClients.workerCount(bootstrap, kafkaProperties, topics);
        String quiet = "drover: nothing has happened for " + hintAfter + " s";
        String coordinator = "is 'drover coordinator --kafka " + farm + "' running?";
        if (workers == 0) {
            return quiet + ": no worker is in the farm (start one with 'drover worker --kafka " + farm + "'); "
                    + coordinator;
        }
        return quiet + (workers > 0 ? " with " + workers + " worker(s) in the farm" : "") + ": " + coordinator;
    }

    /** Where an attempt ran and how long it took, until its test's verdict. */
    private record AttemptSeen(String sut, long durationMs) {
    }

    private static void show(Event event, RunConsole console, Map<String, AttemptSeen> attempts, boolean plans) {
        if (event instanceof TestStarted started) {
            console.testStarted();
            attempts.put(started.plan() + "\0" + started.test() + "\0" + started.attempt(),
                    new AttemptSeen(started.sut(), 0));
        } else if (event instanceof TestFinished finished) {
            attempts.computeIfPresent(finished.plan() + "\0" + finished.test() + "\0" + finished.attempt(),
                    (key, seen) -> new AttemptSeen(seen.sut(), finished.durationMs()));
        } else if (event instanceof JobFinished end && Job.TEST.equals(end.kind())) {
            console.testStopped();
        } else if (event instanceof TestVerdict verdict) {
            AttemptSeen seen = attempts.remove(verdict.plan() + "\0" + verdict.test() + "\0" + verdict.attempt());
            String where = (plans ? verdict.plan() : "") + (seen == null ? "" : (plans ? " on " : "") + seen.sut());
            console.testEnded(verdict.test(), verdict.status(),
                    verdict.failureClass() == null ? null : FailureClass.of(verdict.failureClass()), verdict.reason(),
                    Duration.ofMillis(seen == null ? 0 : seen.durationMs()), where.isEmpty() ? null : where, false,
                    verdict.knownIssue() != null ? "known issue " + verdict.knownIssue()
                            : verdict.flaky() ? "flaky" : null);
        } else if (event instanceof SutState state && "broken".equals(state.state())) {
            console.line("SUT " + state.sut() + " out: " + state.reason());
        }
    }
}
