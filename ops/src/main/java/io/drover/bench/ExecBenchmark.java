package io.drover.bench;

import io.drover.control.ResultReporter;
import io.drover.fmf.context.Context;
import io.drover.result.TestOutcome;
import io.drover.tmt.DiscoverRequest;
import io.drover.tmt.DiscoveredTest;
import io.drover.tmt.Discovery;
import io.drover.tmt.PlanTests;
import io.drover.tmt.TmtTree;
import io.drover.worker.runner.ExecutionSettings;
import io.drover.worker.runner.SutWorkspace;
import io.drover.worker.runner.TestExecution;
import io.drover.worker.runner.TestInvocation;
import io.drover.worker.sut.HostKeyPolicy;
import io.drover.worker.sut.SshOptions;
import io.drover.worker.sut.SshTransport;
import io.drover.sut.SutAddress;
import io.drover.worker.sut.SutConnection;
import io.drover.worker.sut.SutException;
import io.drover.worker.sut.SutRequirements;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The "many tests at once" memory benchmark (not a unit test; see docs/benchmarks.md and
 * bench/exec.sh): what a worker JVM holds per connected SUT and per running test.
 *
 * <pre>
 * java [JVM options] -cp drover.jar io.drover.bench.ExecBenchmark --farm DIR --work DIR [--tests 200]
 *     [--lines 70] [--sleep 0.5] [--samples 4] [--interval 3] [--connect-threads 8]
 *     [--blocking-threads 0] [--stagger-ms 0] [--diagnostics true]
 * </pre>
 *
 * The SUTs are simulated ones in another JVM ({@link SimFarmMain}, whose {@code DIR/ready} lists
 * them; its {@code id_ed25519} and {@code known_hosts} log in), so that their SSH servers are not
 * counted here. This JVM writes an fmf tree (one plan, a warm-up test and {@code --tests} tests,
 * each printing {@code --lines} lines with {@code --sleep} seconds between them), connects to one
 * SUT and runs the warm-up test there (class loading and the first JIT out of the way), connects
 * to the others (one {@link SutConnection} each over one {@link SshTransport}, the standard
 * requirements checked, one {@link SutWorkspace} each), then starts one {@link TestExecution} per
 * SUT, all at once, with one timer thread and one executor for blocking work as
 * {@code drover exec} has them (a pool that grows as needed and lets idle threads go after 5 s, unless {@code --blocking-threads} bounds it).
 *
 * <p>Measured at each stage, after {@code System.gc()} and a second's pause (G1 uncommits in the
 * background): heap used and committed, resident set (VmRSS, also before the collection, and
 * RssAnon), non-heap, direct buffers, live threads; while every test runs, {@code --samples}
 * times. Reported per connected SUT ((baseline - fresh) / N, and the marginal (baseline - one
 * SUT) / (N - 1)) and per running test ((sample - baseline) / tests running then). With
 * {@code --diagnostics} it writes class histograms, threads by name and (under
 * {@code -XX:NativeMemoryTracking=summary}) native memory at "fresh", "one-sut", "baseline" and
 * the first sample to the work directory, and prints what changed from one to the next. Then it checks
 * that every test passed with all its lines, in order, in {@code output.txt} (lines it did not
 * print are counted apart, as a warning); the exit code is 1 when one did not.
 */
public final class ExecBenchmark {
    private static final String PLAN = "/plan";
    private static final String WARMUP = "/warmup";
    private static final String TEXT = "the quick brown fox jumps over the lazy dog";
    private static final long KIB = 1024;
    private static final long SETTLE_MILLIS = 1000;

    private final Options options;
    private final Path artifacts;
    private final String runId;
    private final List<Stage> stages = new ArrayList<>();
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private Map<String, Integer> previousThreads = Map.of();
    private String previousDiagnostics;

    private ExecBenchmark(Options options) {
        this.options = options;
        this.runId = "bench-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        this.artifacts = options.work.resolve("artifacts").resolve(runId);
    }

    /** Command-line options; see the class comment. */
    private record Options(Path farm, Path work, int tests, int lines, double sleep, int samples, double interval,
                           int connectThreads, int blockingThreads, double staggerMillis, boolean diagnostics) {
        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i += 2) {
                if (!args[i].startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("expected --option VALUE, got " + String.join(" ", args));
                }
                values.put(args[i], args[i + 1]);
            }
            List<String> known = List.of("--farm", "--work", "--tests", "--lines", "--sleep", "--samples", "--interval",
                    "--connect-threads", "--blocking-threads", "--stagger-ms", "--diagnostics");
            for (String key : values.keySet()) {
                if (!known.contains(key)) {
                    throw new IllegalArgumentException("unknown option " + key + " (known: " + known + ")");
                }
            }
            if (!values.containsKey("--farm") || !values.containsKey("--work")) {
                throw new IllegalArgumentException("--farm DIR and --work DIR are required");
            }
            return new Options(Path.of(values.get("--farm")).toAbsolutePath(),
                    Path.of(values.get("--work")).toAbsolutePath(),
                    Integer.parseInt(values.getOrDefault("--tests", "200")),
                    Integer.parseInt(values.getOrDefault("--lines", "70")),
                    Double.parseDouble(values.getOrDefault("--sleep", "0.5")),
                    Integer.parseInt(values.getOrDefault("--samples", "4")),
                    Double.parseDouble(values.getOrDefault("--interval", "3")),
                    Integer.parseInt(values.getOrDefault("--connect-threads", "8")),
                    Integer.parseInt(values.getOrDefault("--blocking-threads", "0")),
                    Double.parseDouble(values.getOrDefault("--stagger-ms", "0")),
                    Boolean.parseBoolean(values.getOrDefault("--diagnostics", "false")));
        }
    }

    /** The process at one moment: memory after a full collection, threads, CPU. */
    private record Stage(String label, long heapUsed, long heapCommitted, long nonHeapUsed, long rssBeforeGcKib,
                         long rssKib, long rssAnonKib, long directBytes, int threads, long cpuNanos, int running,
                         double atSeconds) {
    }

    /** One SUT, ready to run a test: its connection and workspace, and how long getting there took. */
    private record Sut(SutConnection connection, SutWorkspace workspace, long connectNanos, long checkNanos,
                       long openNanos) {
    }

    public static void main(String[] args) throws Exception {
        Stage start = measure("JVM started", 0, 0);
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ExecBenchmark: " + e.getMessage());
            System.err.println("usage: ExecBenchmark --farm DIR --work DIR [--tests 200] [--lines 70] [--sleep 0.5]"
                    + " [--samples 4] [--interval 3] [--connect-threads 8] [--blocking-threads 0] [--stagger-ms 0]"
                    + " [--diagnostics true|false]");
            System.exit(64);
            return;
        }
        ExecBenchmark benchmark = new ExecBenchmark(options);
        benchmark.stages.add(start);
        int failures = benchmark.run();
        System.exit(failures == 0 ? 0 : 1);
    }

    private int run() throws Exception {
        List<SutAddress> addresses = readFarm();
        int n = options.tests;
        System.out.printf(Locale.ROOT, "JVM: %s%n", String.join(" ",
                ManagementFactory.getRuntimeMXBean().getInputArguments()));
        System.out.printf(Locale.ROOT, "GC: %s; max heap %d MiB; %d processors%n",
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                        .collect(Collectors.joining(", ")),
                Runtime.getRuntime().maxMemory() / KIB / KIB, Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%d tests, each: %d lines of ~%d bytes, %.2f s apart (~%.0f s, %d bytes of"
                        + " output); %d SUTs in the farm at %s%n", n, options.lines, line(options.lines, "/tests/t000").length(),
                options.sleep, options.lines * options.sleep, expectedOutput("/tests/t000").length(), addresses.size(),
                options.farm);

        // the tree and its discovery
        Path tree = writeTree(options.work.resolve("tree"));
        PlanTests plan = new Discovery(TmtTree.load(tree)).discover(DiscoverRequest.all(Context.empty())).get(0);
        Map<String, DiscoveredTest> tests = new LinkedHashMap<>();
        plan.tests().forEach(t -> tests.put(t.name(), t));
        if (tests.size() != n + 1) {
            throw new IllegalStateException("discovered " + tests.size() + " tests, expected " + (n + 1));
        }
        Map<String, String> planEnvironment = plan.plan().environment();
        Stage fresh = measure("fresh: tree written and discovered, nothing connected", 0, 0);
        stages.add(fresh);
        if (options.diagnostics) {
            diagnostics("fresh", 1);
        }

        SshOptions ssh = SshOptions.defaults().withAgentSocket(Optional.empty())
                .withIdentity(options.farm.resolve("id_ed25519"))
                .withKnownHosts(options.farm.resolve("known_hosts"), HostKeyPolicy.STRICT);
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemons("drover-timer"));
        ExecutorService blocking = options.blockingThreads > 0
                ? Executors.newFixedThreadPool(options.blockingThreads, daemons("drover-exec"))
                : io.drover.worker.runner.StepExecutors.newExecutor("drover-exec");
        SshTransport transport = SshTransport.start();
        List<Sut> suts = new ArrayList<>();
        ExecutionSettings settings = ExecutionSettings.defaults().withGrace(Duration.ofSeconds(5));
        try {
            // one SUT, and the warm-up test on it
            suts.add(prepare(transport, addresses.get(0), ssh, tree));
            long t1 = System.nanoTime();
            TestOutcome warm = execution(suts.get(0), tests.get(WARMUP), planEnvironment, settings, timers, blocking,
                    "warmup").start().get(2, TimeUnit.MINUTES);
            long t2 = System.nanoTime();
            if (!warm.passed()) {
                throw new IllegalStateException("the warm-up test did not pass: " + warm.status() + ": " + warm.reason());
            }
            System.out.printf(Locale.ROOT, "first SUT: connected in %.0f ms, requirements %.0f ms, workspace %.0f ms;"
                            + " warm-up test %.0f ms%n", ms(suts.get(0).connectNanos), ms(suts.get(0).checkNanos),
                    ms(suts.get(0).openNanos), ms(t2 - t1));
            Stage one = measure("1 SUT connected, workspace open, warm-up test run", 0, 0);
            stages.add(one);
            if (options.diagnostics) {
                diagnostics("one-sut", 1);
            }

            // the other SUTs
            long cpu1 = cpuNanos();
            long t3 = System.nanoTime();
            suts.addAll(prepareAll(transport, addresses.subList(1, n), ssh, tree));
            long t4 = System.nanoTime();
            long cpu2 = cpuNanos();
            List<Sut> rest = suts.subList(1, n);
            System.out.printf(Locale.ROOT, "%d more SUTs with %d threads: %.1f s wall, %.1f s CPU (%.1f ms CPU per SUT);"
                            + " per SUT (mean): connect %.0f ms, requirements %.0f ms, workspace %.0f ms%n",
                    n - 1, options.connectThreads, sec(t4 - t3), sec(cpu2 - cpu1), ms(cpu2 - cpu1) / (n - 1),
                    rest.stream().mapToLong(Sut::connectNanos).average().orElse(0) / 1e6,
                    rest.stream().mapToLong(Sut::checkNanos).average().orElse(0) / 1e6,
                    rest.stream().mapToLong(Sut::openNanos).average().orElse(0) / 1e6);
            Stage baseline = measure(n + " SUTs connected, workspaces open (baseline)", 0, 0);
            stages.add(baseline);
            if (options.diagnostics) {
                diagnostics("baseline", n - 1);
            }

            // every test at once
            long cpu3 = cpuNanos();
            long gc3 = gcMillis();
            long started = System.nanoTime();
            List<CompletableFuture<TestOutcome>> outcomes = new ArrayList<>();
            List<Path> outputs = new ArrayList<>();
            List<String> names = new ArrayList<>(tests.keySet());
            names.remove(WARMUP);
            for (int i = 0; i < n; i++) {
                TestExecution execution = execution(suts.get(i), tests.get(names.get(i)), planEnvironment, settings,
                        timers, blocking, "t" + (i + 1));
                outputs.add(artifacts.resolve("t" + (i + 1)).resolve("attempt-1").resolve(ResultReporter.TESTOUT_TEMP));
                outcomes.add(execution.start());
                if (options.staggerMillis > 0 && i + 1 < n) {
                    Thread.sleep((long) options.staggerMillis, (int) ((options.staggerMillis % 1) * 1e6));
                }
            }
            long submitted = System.nanoTime();
            List<Stage> samples = sampleWhileRunning(outcomes, outputs, started);
            // an execution that never completes is a failure, not a hang of the benchmark: give up once
            // nothing has completed for 60 s past the tests' own length
            long quiet = System.nanoTime();
            long done = 0;
            while (done < n) {
                Thread.sleep(200);
                long now = outcomes.stream().filter(CompletableFuture::isDone).count();
                if (now != done) {
                    done = now;
                    quiet = System.nanoTime();
                } else if (System.nanoTime() - quiet > 60e9
                        && System.nanoTime() - started > (options.lines * options.sleep + 60) * 1e9) {
                    System.out.printf(Locale.ROOT, "%d executions gave no outcome; none completed in the last 60 s%n",
                            n - done);
                    break;
                }
            }
            long finished = quiet; // when the last outcome arrived (within 200 ms)
            long cpu4 = cpuNanos();
            long gc4 = gcMillis();
            stages.add(measure("all " + n + " tests done (" + outcomes.stream().filter(f -> !f.isDone()).count()
                    + " without an outcome)", 0, sec(finished - started)));

            // check
            int failures = check(outcomes, names);
            List<Duration> durations = outcomes.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally())
                    .map(f -> f.join().took()).sorted().toList();
            System.out.printf(Locale.ROOT, "%n== run%n");
            System.out.printf(Locale.ROOT, "start() of %d executions: %.0f ms; first output after %.1f s, all running"
                            + " after %s; all done after %.1f s%n", n, ms(submitted - started), firstRunning,
                    allRunning < 0 ? "never (at most " + mostRunning + " at once)"
                            : String.format(Locale.ROOT, "%.1f s (%d at once)", allRunning, mostRunning),
                    sec(finished - started));
            if (!durations.isEmpty()) {
                System.out.printf(Locale.ROOT, "test durations (TestOutcome.took): min %.1f s, median %.1f s, max %.1f s"
                                + " (the script alone: %.1f s of sleep)%n", durations.get(0).toMillis() / 1e3,
                        durations.get(durations.size() / 2).toMillis() / 1e3,
                        durations.get(durations.size() - 1).toMillis() / 1e3, options.lines * options.sleep);
            }
            System.out.printf(Locale.ROOT, "CPU of this JVM from start() to the last outcome: %.1f s (%.0f ms per test;"
                            + " GC time in that window, mostly the samples' full collections: %d ms)%n", sec(cpu4 - cpu3),
                    ms(cpu4 - cpu3) / n, gc4 - gc3);
            System.out.printf(Locale.ROOT, "failures: %d of %d (no outcome, not passed, or output.txt without its %d lines)%n",
                    failures, n, options.lines);

            printStages(samples);
            printPerUnit(n, stages.get(0), fresh, one, baseline, samples);
            return failures;
        } finally {
            suts.forEach(s -> s.connection.close());
            transport.close();
            timers.shutdownNow();
            blocking.shutdownNow();
        }
    }

    // --- the farm, the tree, the SUTs

    private List<SutAddress> readFarm() throws IOException {
        Path ready = options.farm.resolve(SimFarmMain.READY);
        List<SutAddress> addresses = Files.readAllLines(ready).stream().filter(l -> !l.isBlank())
                .map(SutAddress::parse).toList();
        if (addresses.size() < options.tests) {
            throw new IllegalArgumentException(ready + " lists " + addresses.size() + " SUTs, fewer than --tests "
                    + options.tests);
        }
        if (options.tests < 2) {
            throw new IllegalArgumentException("--tests must be at least 2");
        }
        return addresses;
    }

    private Path writeTree(Path tree) throws IOException {
        Files.createDirectories(tree.resolve(".fmf"));
        Files.writeString(tree.resolve(".fmf/version"), "1\n");
        Files.writeString(tree.resolve("plan.fmf"), "discover:\n  how: fmf\nexecute:\n  how: tmt\n");
        StringBuilder main = new StringBuilder();
        main.append(WARMUP).append(":\n  test: echo warm\n");
        main.append("/tests:\n  duration: 15m\n  test: |\n");
        main.append(String.format(Locale.ROOT, "    for i in $(seq 1 %d); do echo \"line $i of $TMT_TEST_NAME: %s\";"
                + " sleep %s; done%n", options.lines, TEXT, seconds(options.sleep)));
        for (int i = 1; i <= options.tests; i++) {
            main.append(String.format(Locale.ROOT, "  /t%03d:%n    summary: test %d%n", i, i));
        }
        Files.writeString(tree.resolve("main.fmf"), main);
        return tree;
    }

    /** Seconds as sleep reads them (0.5, not 0.50000). */
    private static String seconds(double value) {
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }

    private static String line(int i, String test) {
        return "line " + i + " of " + test + ": " + TEXT + "\n";
    }

    private String expectedOutput(String test) {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= options.lines; i++) {
            text.append(line(i, test));
        }
        return text.toString();
    }

    private Sut prepare(SshTransport transport, SutAddress address, SshOptions ssh, Path tree) throws SutException {
        long t0 = System.nanoTime();
        SutConnection connection = transport.connect(address, ssh);
        long t1 = System.nanoTime();
        try {
            SutRequirements.standard().check(connection);
            long t2 = System.nanoTime();
            SutWorkspace workspace = SutWorkspace.open(connection, runId, tree);
            workspace.preparePlan(PLAN); // once per SUT and run, as the first test there would
            long t3 = System.nanoTime();
            return new Sut(connection, workspace, t1 - t0, t2 - t1, t3 - t2);
        } catch (SutException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private List<Sut> prepareAll(SshTransport transport, List<SutAddress> addresses, SshOptions ssh, Path tree)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(options.connectThreads, daemons("bench-connect"));
        List<Future<Sut>> futures = new ArrayList<>();
        for (SutAddress address : addresses) {
            futures.add(pool.submit(() -> prepare(transport, address, ssh, tree)));
        }
        pool.shutdown();
        List<Sut> ready = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Future<Sut> future : futures) {
            try {
                ready.add(future.get());
            } catch (ExecutionException e) {
                failed.add(e.getCause().getMessage());
            }
        }
        pool.awaitTermination(1, TimeUnit.MINUTES);
        if (!failed.isEmpty()) {
            ready.forEach(s -> s.connection.close());
            throw new IllegalStateException(failed.size() + " SUTs could not be prepared; first: " + failed.get(0));
        }
        return ready;
    }

    private TestExecution execution(Sut sut, DiscoveredTest test, Map<String, String> planEnvironment,
                                    ExecutionSettings settings, ScheduledExecutorService timers,
                                    ExecutorService blocking, String dir) {
        TestInvocation invocation = new TestInvocation(PLAN, test.name(), test.serialNumber(), 1, test.test(),
                planEnvironment);
        return new TestExecution(sut.workspace, invocation, artifacts.resolve(dir).resolve("attempt-1"), runId,
                settings, timers, blocking);
    }

    // --- while the tests run

    private double firstRunning = -1;
    private double allRunning = -1;
    private int mostRunning;

    /**
     * Polls the tests' output files until every test is running (output arrived, not finished;
     * tests that ended without ever running, a failed setup say, are left out), then takes the
     * samples, until a test that ran finishes. When the count stops growing short of that for 5 s,
     * it samples those running.
     */
    private List<Stage> sampleWhileRunning(List<CompletableFuture<TestOutcome>> outcomes, List<Path> outputs,
                                           long started) throws Exception {
        int n = outcomes.size();
        boolean[] ran = new boolean[n];
        List<Stage> samples = new ArrayList<>();
        long nextSample = Long.MAX_VALUE;
        int lastCount = -1;
        long lastChange = System.nanoTime();
        while (samples.size() < options.samples) {
            int running = 0;
            int neverRan = 0;
            boolean ranAndDone = false;
            for (int i = 0; i < n; i++) {
                boolean done = outcomes.get(i).isDone();
                ran[i] |= size(outputs.get(i)) > 0;
                if (done && ran[i]) {
                    ranAndDone = true;
                } else if (done) {
                    neverRan++;
                } else if (ran[i]) {
                    running++;
                }
            }
            double at = sec(System.nanoTime() - started);
            mostRunning = Math.max(mostRunning, running);
            if (running > 0 && firstRunning < 0) {
                firstRunning = at;
            }
            if (running != lastCount) {
                lastCount = running;
                lastChange = System.nanoTime();
            }
            if (ranAndDone) {
                if (samples.isEmpty()) {
                    System.out.printf(Locale.ROOT, "a test finished before all %d ran at once (at most %d)%n",
                            n - neverRan, mostRunning);
                    samples.add(measure("sample at the first finish (" + running + " running)", running, at));
                }
                break;
            }
            if (running > 0 && running == n - neverRan && allRunning < 0) {
                allRunning = at;
                if (neverRan > 0) {
                    System.out.printf(Locale.ROOT, "%d tests ended without running; sampling the %d others%n",
                            neverRan, running);
                }
                nextSample = System.nanoTime() + TimeUnit.SECONDS.toNanos(2); // settle first
            } else if (running > 0 && nextSample == Long.MAX_VALUE && System.nanoTime() - lastChange > 5e9) {
                System.out.printf(Locale.ROOT, "%d of %d running, unchanged for 5 s: sampling those%n", running, n);
                nextSample = System.nanoTime();
            }
            if (System.nanoTime() >= nextSample) {
                Stage sample = measure("sample " + (samples.size() + 1) + ": " + running + " running, t=" + Math.round(at)
                        + " s", running, at);
                samples.add(sample);
                System.out.printf(Locale.ROOT, "sample %d at %.1f s: %d running, heap %.1f MiB, RSS %.1f MiB,"
                                + " %d threads%n", samples.size(), at, running, sample.heapUsed / 1048576.0,
                        sample.rssKib / 1024.0, sample.threads);
                if (samples.size() == 1 && options.diagnostics) {
                    diagnostics("running", running);
                }
                nextSample = System.nanoTime() + (long) (options.interval * 1e9);
            }
            Thread.sleep(100);
        }
        return samples;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private int check(List<CompletableFuture<TestOutcome>> outcomes, List<String> names) throws IOException {
        int failures = 0;
        int withForeign = 0;
        Map<String, Integer> foreign = new TreeMap<>();
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            CompletableFuture<TestOutcome> future = outcomes.get(i);
            TestOutcome outcome = future.isDone() && !future.isCompletedExceptionally() ? future.join() : null;
            String problem = null;
            if (outcome == null) {
                problem = future.isDone() ? "the execution failed: " + future.handle((o, e) -> e).join()
                        : "no outcome: the execution never completed";
            } else if (!"pass".equals(outcome.status())) {
                problem = outcome.status() + " (" + outcome.failureClass() + "): " + outcome.reason();
            } else {
                Path output = outcome.artifacts().resolve("files").resolve("output.txt");
                List<String> text = Files.exists(output) ? Files.readAllLines(output) : List.of();
                // lines the test did not print (a tool on the SUT complaining, say) are counted apart
                List<String> own = text.stream().filter(l -> l.startsWith("line ")).toList();
                text.stream().filter(l -> !l.startsWith("line ")).forEach(l -> foreign.merge(l, 1, Integer::sum));
                if (own.size() < text.size()) {
                    withForeign++;
                }
                if (!own.equals(expectedOutput(names.get(i)).lines().toList())) {
                    problem = "output.txt has " + own.size() + " of the test's lines, not the " + options.lines
                            + " expected in order";
                }
            }
            if (problem != null) {
                failures++;
                if (reasons.size() < 10) {
                    reasons.add(names.get(i) + ": " + problem);
                }
            }
        }
        reasons.forEach(r -> System.out.println("FAILED " + r));
        if (withForeign > 0) {
            System.out.printf(Locale.ROOT, "WARNING: the output.txt of %d tests has lines the test did not print:%n",
                    withForeign);
            foreign.forEach((l, c) -> System.out.printf(Locale.ROOT, "  %5d x %s%n", c, l));
        }
        return failures;
    }

    // --- measuring

    private static Stage measure(String label, int running, double at) {
        long rssBefore = status("VmRSS");
        System.gc();
        try {
            // G1 gives the memory the collection freed back in the background: let it finish first
            Thread.sleep(SETTLE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        var memory = ManagementFactory.getMemoryMXBean();
        var heap = memory.getHeapMemoryUsage();
        long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
        return new Stage(label, heap.getUsed(), heap.getCommitted(), memory.getNonHeapMemoryUsage().getUsed(),
                rssBefore, status("VmRSS"), status("RssAnon"), direct,
                ManagementFactory.getThreadMXBean().getThreadCount(), cpuNanos(), running, at);
    }

    /** A field of /proc/self/status, in KiB. */
    private static long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    /**
     * Class histogram, native memory (when tracked) and threads by name, written to the work directory
     * as {@code *-NAME.txt}; after the first call, what changed since the previous one is printed,
     * per {@code count} (SUTs or tests). The native memory baseline moves to each call.
     */
    private void diagnostics(String name, int count) {
        try {
            String histogram = dcmd("gcClassHistogram");
            Files.writeString(options.work.resolve("histogram-" + name + ".txt"), histogram);
            Map<String, Integer> groups = threadGroups();
            Files.writeString(options.work.resolve("threads-" + name + ".txt"), groups.toString());
            if (previousDiagnostics != null) {
                String nmt = dcmd("vmNativeMemory", "summary.diff");
                Files.writeString(options.work.resolve("nmt-" + name + ".txt"), nmt);
                String title = previousDiagnostics + " -> " + name;
                printHistogramDiff(title, Files.readString(options.work.resolve("histogram-" + previousDiagnostics
                        + ".txt")), histogram, count);
                if (!nmt.contains("not enabled")) {
                    System.out.println("native memory, committed, " + title + " (NMT summary.diff):");
                    nmt.lines().filter(l -> l.startsWith("Total") || l.matches("^-\\s+\\S.*\\(reserved=.*"))
                            .map(l -> l.replaceAll("\\s+", " ").strip())
                            .filter(l -> l.matches(".*committed=\\d+KB [+-]\\d+KB.*"))
                            .forEach(l -> System.out.println("  " + l));
                }
                System.out.println("threads by name, " + title + ":");
                TreeMap<String, String> lines = new TreeMap<>();
                previousThreads.forEach((k, v) -> lines.put(k, v + " -> " + groups.getOrDefault(k, 0)));
                groups.forEach((k, v) -> lines.putIfAbsent(k, "0 -> " + v));
                lines.forEach((k, v) -> System.out.println("  " + k + ": " + v));
            }
            dcmd("vmNativeMemory", "baseline");
            previousThreads = groups;
            previousDiagnostics = name;
        } catch (Exception e) {
            System.out.println("diagnostics failed: " + e);
        }
    }

    private String dcmd(String operation, String... args) throws Exception {
        return (String) server.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), operation,
                new Object[] {args}, new String[] {String[].class.getName()});
    }

    /** Live threads by name with trailing numbers dropped, e.g. {@code sshd-SshClient[...]-nio2-thread-#}. */
    private static Map<String, Integer> threadGroups() {
        Map<String, Integer> groups = new TreeMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            groups.merge(thread.getName().replaceAll("[0-9a-f]{6,}", "*").replaceAll("\\d+", "#"), 1, Integer::sum);
        }
        return groups;
    }

    /** The classes whose live bytes grew most from the baseline to the running sample. */
    private void printHistogramDiff(String title, String before, String after, int n) {
        Map<String, long[]> a = parseHistogram(before);
        Map<String, long[]> b = parseHistogram(after);
        long total = 0;
        List<Map.Entry<String, long[]>> grown = new ArrayList<>();
        for (var entry : b.entrySet()) {
            long[] old = a.getOrDefault(entry.getKey(), new long[2]);
            long[] delta = {entry.getValue()[0] - old[0], entry.getValue()[1] - old[1]};
            total += delta[1];
            grown.add(Map.entry(entry.getKey(), delta));
        }
        for (var entry : a.entrySet()) {
            if (!b.containsKey(entry.getKey())) {
                total -= entry.getValue()[1];
            }
        }
        grown.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[1]).reversed());
        System.out.printf(Locale.ROOT, "heap histogram, %s: %+d KiB in all (%+.1f KiB per 1/%d); top classes:%n", title,
                total / KIB, total / (double) KIB / n, n);
        System.out.printf(Locale.ROOT, "  %12s %10s %9s %9s  %s%n", "bytes", "instances", "B/" + n, "inst/" + n, "class");
        for (var entry : grown.subList(0, Math.min(25, grown.size()))) {
            long[] d = entry.getValue();
            System.out.printf(Locale.ROOT, "  %12d %10d %9.0f %9.1f  %s%n", d[1], d[0], d[1] / (double) n,
                    d[0] / (double) n, entry.getKey());
        }
    }

    /** {@code num: instances bytes class [module]} lines of GC.class_histogram, by class. */
    private static Map<String, long[]> parseHistogram(String text) {
        Map<String, long[]> classes = new LinkedHashMap<>();
        for (String line : text.lines().toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":") && f[1].matches("\\d+") && f[2].matches("\\d+")) {
                classes.merge(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])},
                        (x, y) -> new long[] {x[0] + y[0], x[1] + y[1]});
            }
        }
        return classes;
    }

    // --- printing

    private void printStages(List<Stage> samples) {
        System.out.printf(Locale.ROOT, "%n== memory (heap and RSS after System.gc(); MiB)%n");
        System.out.printf(Locale.ROOT, "| %-56s | %9s | %9s | %9s | %9s | %9s | %8s | %6s | %7s |%n", "state",
                "heap used", "heap comm", "RSS pre-GC", "RSS", "RssAnon", "non-heap", "direct", "threads");
        System.out.printf(Locale.ROOT, "|%s|%s|%s|%s|%s|%s|%s|%s|%s|%n", "-".repeat(58), "-".repeat(10) + ":",
                "-".repeat(10) + ":", "-".repeat(11) + ":", "-".repeat(10) + ":", "-".repeat(10) + ":",
                "-".repeat(9) + ":", "-".repeat(7) + ":", "-".repeat(8) + ":");
        List<Stage> all = new ArrayList<>(stages);
        all.addAll(all.size() - 1, samples); // between the baseline and "all done"
        for (Stage s : all) {
            System.out.printf(Locale.ROOT, "| %-56s | %9.1f | %9.1f | %10.1f | %9.1f | %9.1f | %8.1f | %6.1f | %7d |%n",
                    s.label, s.heapUsed / 1048576.0, s.heapCommitted / 1048576.0, s.rssBeforeGcKib / 1024.0,
                    s.rssKib / 1024.0, s.rssAnonKib / 1024.0, s.nonHeapUsed / 1048576.0, s.directBytes / 1048576.0,
                    s.threads);
        }
    }

    private void printPerUnit(int n, Stage start, Stage fresh, Stage one, Stage baseline, List<Stage> samples) {
        System.out.printf(Locale.ROOT, "%n== per connected SUT and per running test (KiB)%n");
        System.out.printf(Locale.ROOT, "| %-58s | %9s | %9s | %9s | %7s |%n", "", "heap", "RSS", "RssAnon", "threads");
        System.out.printf(Locale.ROOT, "|%s|%s|%s|%s|%s|%n", "-".repeat(60), "-".repeat(10) + ":", "-".repeat(10) + ":",
                "-".repeat(10) + ":", "-".repeat(8) + ":");
        row("per connected SUT: (baseline - fresh) / " + n, baseline, fresh, n);
        row("  marginal: (baseline - 1 SUT) / " + (n - 1), baseline, one, n - 1);
        List<double[]> perTest = new ArrayList<>();
        for (Stage sample : samples) {
            int running = Math.max(1, sample.running);
            perTest.add(row("per running test: (" + sample.label.replaceFirst(":.*", "") + " - baseline) / " + running,
                    sample, baseline, running));
        }
        if (!perTest.isEmpty()) {
            double[] median = new double[4];
            for (int k = 0; k < 4; k++) {
                final int col = k;
                double[] values = perTest.stream().mapToDouble(v -> v[col]).sorted().toArray();
                median[k] = values.length % 2 == 1 ? values[values.length / 2]
                        : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
            }
            System.out.printf(Locale.ROOT, "| %-58s | %9.1f | %9.1f | %9.1f | %7.2f |%n",
                    "**per running test, median of " + perTest.size() + " samples**", median[0], median[1], median[2],
                    median[3]);
            System.out.printf(Locale.ROOT, "%nRESULT per-sut heap=%.1fKiB rss=%.1fKiB; per-test heap=%.1fKiB"
                            + " rss=%.1fKiB rssAnon=%.1fKiB threads=%.2f; samples=%d running=%s%n",
                    (baseline.heapUsed - fresh.heapUsed) / (double) KIB / n, (baseline.rssKib - fresh.rssKib) / (double) n,
                    median[0], median[1], median[2], median[3], perTest.size(),
                    samples.stream().map(s -> Integer.toString(s.running)).collect(Collectors.joining(",")));
        }
        System.out.printf(Locale.ROOT, "JVM start -> fresh: heap %+.1f MiB, RSS %+.1f MiB%n",
                (fresh.heapUsed - start.heapUsed) / 1048576.0, (fresh.rssKib - start.rssKib) / 1024.0);
    }

    private static double[] row(String label, Stage to, Stage from, int count) {
        double[] values = {(to.heapUsed - from.heapUsed) / (double) KIB / count, (to.rssKib - from.rssKib) / (double) count,
            (to.rssAnonKib - from.rssAnonKib) / (double) count, (to.threads - from.threads) / (double) count};
        System.out.printf(Locale.ROOT, "| %-58s | %9.1f | %9.1f | %9.1f | %7.2f |%n", label, values[0], values[1],
                values[2], values[3]);
        return values;
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double sec(long nanos) {
        return nanos / 1e9;
    }
}
