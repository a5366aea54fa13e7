package io.drover.worker.farm;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.event.Event;
import io.drover.event.JobFinished;
import io.drover.event.TestFinished;
import io.drover.event.TestResult;
import io.drover.event.TestStarted;
import io.drover.fmf.context.Context;
import io.drover.job.ControlRequest;
import io.drover.job.Job;
import io.drover.tmt.DiscoverRequest;
import io.drover.tmt.DiscoveredTest;
import io.drover.tmt.Discovery;
import io.drover.tmt.TmtTree;
import io.drover.worker.runner.ExecutionSettings;
import io.drover.worker.sim.SimulatedSut;
import io.drover.worker.sim.SimulatedSutFarm;
import io.drover.worker.sut.SshTransport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs run by a {@link JobHandler} on simulated SUTs over SSH, its events kept in a list. */
class JobHandlerTest {
    private static final String PLAN = "/plan";
    private static final String TESTS = """
            /one:
                test: |
                    echo one
                    tmt-report-result /sub PASS
            /two:
                test: echo two
            /slow:
                test: |
                    echo started >> "$TMT_PLAN_DATA/slow-starts"
                    for i in $(seq 1 30); do
                        echo "line $i"
                        [ "$i" = 5 ] && tmt-report-result early PASS
                        sleep 0.1
                    done
                    tmt-report-result late PASS
            /long:
                test: echo started; sleep 60
            """;

    @TempDir
    static Path shared;
    private static SimulatedSutFarm sims;
    private static SshTransport transport;
    private static Path tree;
    private static Map<String, Integer> serials;

    @TempDir
    Path dir;
    private final List<Handler> handlers = new ArrayList<>();
    private final String run = "run-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20));
    private int jobNumber;

    @BeforeAll
    static void startSuts() throws IOException {
        sims = SimulatedSutFarm.start(shared.resolve("suts"), 5);
        transport = SshTransport.start();
        tree = Files.createDirectories(shared.resolve("tree"));
        Files.createDirectories(tree.resolve(".fmf"));
        Files.writeString(tree.resolve(".fmf/version"), "1\n");
        Files.writeString(tree.resolve("plan.fmf"), """
                discover:
                    how: fmf
                prepare:
                    how: shell
                    script: echo prepared > "$TMT_PLAN_DATA/prepared"
                finish:
                    how: shell
                    script: echo finished
                execute:
                    how: tmt
                """);
        Files.writeString(tree.resolve("main.fmf"), TESTS);
        serials = new Discovery(TmtTree.load(tree)).discover(DiscoverRequest.all(Context.empty())).get(0).tests()
                .stream().collect(Collectors.toMap(DiscoveredTest::name, DiscoveredTest::serialNumber));
    }

    @AfterAll
    static void stopSuts() {
        transport.close();
        sims.close();
    }

    @AfterEach
    void closeHandlers() {
        handlers.forEach(Handler::close);
    }

    @Test
    void aPlanOnOneSutPublishesItsEventsInOrderWithSeqsFromOne() throws Exception {
        SimulatedSut sut = sims.get(0);
        Handler worker = handler("w1");
        List<CompletableFuture<Void>> ends = Stream.of(job(Job.PREPARE, sut, null), job(Job.TEST, sut, "/one"),
                job(Job.TEST, sut, "/two"), job(Job.FINISH, sut, null), job(Job.RELEASE, sut, null))
                .map(worker.jobs::submit).toList();
        CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        assertThat(worker.sink.events().stream().map(JobHandlerTest::describe)).containsExactly(
                "job.finished prepare pass",
                "test.started /one 1", "test.result /one 2 sub pass", "test.result /one 3 pass", "test.finished /one 4 pass",
                "job.finished test /one pass",
                "test.started /two 1", "test.result /two 2 pass", "test.finished /two 3 pass",
                "job.finished test /two pass",
                "job.finished finish pass",
                "job.finished release pass");
        assertThat(worker.sink.output("/one")).isEqualTo("one\n");
        assertThat(worker.sink.output("/two")).isEqualTo("two\n");
        assertThat(only(worker.sink.events(), TestStarted.class).get(0).worker()).isEqualTo("w1");
        assertThat(Files.readString(dir.resolve("artifacts-w1").resolve(run).resolve("plan/one/attempt-1/results")))
                .contains("\"name\": \"sub\"");
        assertThat(Files.readString(dir.resolve("artifacts-w1").resolve(run).resolve("plan/prepare-"
                + sut.address().display().replaceAll("[^A-Za-z0-9._-]+", "-") + ".log"))).isEmpty();
        assertThat(runFiles(sut)).as("the run's directory is removed, a tombstone stays").singleElement()
                .satisfies(name -> assertThat(name).endsWith(".released"));
    }

    @Test
    void aJobDeliveredTwiceRunsOnce() throws Exception {
        SimulatedSut sut = sims.get(1);
        Handler worker = handler("w1");
        Job prepare = job(Job.PREPARE, sut, null);
        worker.run(prepare);
        Job test = job(Job.TEST, sut, "/two");
        CompletableFuture<Void> first = worker.jobs.submit(test);
        CompletableFuture<Void> second = worker.jobs.submit(test);
        assertThat(second).as("a copy of a job queued or running here is ignored").isDone();
        first.get(30, TimeUnit.SECONDS);
        assertThat(only(worker.sink.events(), JobFinished.class)).hasSize(2);

        // delivered again after it ended (a worker lost before it committed): the end recorded on the SUT
        Handler next = handler("w2");
        next.run(prepare);
        assertThat(next.sink.lines()).containsExactly(worker.sink.lines().get(0));
        assertThat(Files.readString(planData(sut).resolve("prepared"))).isEqualTo("prepared\n");
    }

    @Test
    void aTestLeftByALostWorkerIsReattachedWithTheSameEvents() throws Exception {
        SimulatedSut sut = sims.get(2);
        Handler lost = handler("lost");
        lost.run(job(Job.PREPARE, sut, null));
        Job test = job(Job.TEST, sut, "/slow");
        CompletableFuture<Void> abandoned = lost.jobs.submit(test);
        await(() -> lost.sink.events().stream().anyMatch(e -> e instanceof TestResult));
        lost.jobs.abandon(test.sut());
        abandoned.get(10, TimeUnit.SECONDS);
        List<String> before = lost.sink.events().stream().filter(e -> !(e instanceof JobFinished))
                .map(JobHandlerTest::describe).toList();
        assertThat(before).startsWith("test.started /slow 1", "test.result /slow 2 early pass");

        Handler taker = handler("taker");
        taker.run(test);
        List<String> after = taker.sink.events().stream().map(JobHandlerTest::describe).toList();
        assertThat(after).startsWith(before.toArray(String[]::new)).containsExactly(
                "test.started /slow 1", "test.result /slow 2 early pass", "test.result /slow 3 late pass",
                "test.result /slow 4 pass", "test.finished /slow 5 pass", "job.finished test /slow pass");
        assertThat(taker.sink.output("/slow")).isEqualTo(
                IntStream.rangeClosed(1, 30).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining()));
        assertThat(Files.readAllLines(planData(sut).resolve("slow-starts"))).as("the test ran once").hasSize(1);
        assertThat(lost.sink.events().stream().filter(e -> e instanceof JobFinished jf && jf.kind().equals(Job.TEST)))
                .as("the lost worker publishes no end").isEmpty();
    }

    @Test
    void cancellingARunStopsItsRunningTestAndItsQueuedJobsButRelease() throws Exception {
        SimulatedSut sut = sims.get(3);
        Handler worker = handler("w1");
        worker.run(job(Job.PREPARE, sut, null));
        CompletableFuture<Void> running = worker.jobs.submit(job(Job.TEST, sut, "/long"));
        CompletableFuture<Void> queued = worker.jobs.submit(job(Job.FINISH, sut, null));
        CompletableFuture<Void> release = worker.jobs.submit(job(Job.RELEASE, sut, null));
        await(() -> worker.sink.events().stream().anyMatch(e -> e instanceof TestStarted));
        worker.jobs.cancel(new ControlRequest(ControlRequest.CANCEL, run, null, null, "stop it", "now"));
        CompletableFuture.allOf(running, queued, release).get(30, TimeUnit.SECONDS);

        TestFinished finished = only(worker.sink.events(), TestFinished.class).get(0);
        assertThat(finished.failureClass()).isEqualTo("cancelled");
        assertThat(only(worker.sink.events(), JobFinished.class).stream().map(e -> e.kind() + " " + e.status() + " "
                + e.failureClass())).containsExactly("prepare pass null", "test infra cancelled",
                "finish infra cancelled", "release pass null");
    }

    @Test
    void aReleasedRunIgnoresItsLaterJobs() throws Exception {
        SimulatedSut sut = sims.get(4);
        Handler worker = handler("w1");
        Job release = job(Job.RELEASE, sut, null);
        worker.run(release);
        worker.run(job(Job.TEST, sut, "/one"));
        worker.run(job(Job.PREPARE, sut, null));
        assertThat(worker.sink.events().stream().map(JobHandlerTest::describe)).containsExactly("job.finished release pass");

        Handler next = handler("w2");
        next.run(release);
        assertThat(next.sink.lines()).as("the release delivered again answers as it did").isEqualTo(worker.sink.lines());
    }

    @Test
    void aTestThatRebootedBeforeItsWorkerWasLostIsStoppedAndEndsWorkerLost() throws Exception {
        SimulatedSut sut = sims.get(0);
        Handler worker = handler("w1");
        worker.run(job(Job.PREPARE, sut, null));
        Job test = job(Job.TEST, sut, "/two");
        Path attempt = runDir(sut).resolve("tests/plan--" + test.serial() + "-two--1");
        Files.createDirectories(attempt);
        Files.writeString(attempt.resolve("test.sh"), "exit 0\n");
        Files.writeString(attempt.resolve("started"), "1\n");
        worker.run(test);
        assertThat(worker.sink.events().stream().map(JobHandlerTest::describe))
                .containsExactly("job.finished prepare pass", "job.finished test /two infra");
        assertThat(only(worker.sink.events(), JobFinished.class).get(1).failureClass()).isEqualTo("worker-lost");
        assertThat(attempt.resolve("cancel")).exists();
    }

    private Handler handler(String id) {
        Handler handler = new Handler(new WorkerConfig("unused:9092", id, 10, dir.resolve("artifacts-" + id),
                ExecutionSettings.defaults().withGrace(Duration.ofSeconds(1)), sims.sshOptions(),
                WorkerConfig.DEFAULT_HEARTBEAT, Map.of()));
        handlers.add(handler);
        return handler;
    }

    /** A handler with its own executors and connections, as a worker process has. */
    private static final class Handler implements AutoCloseable {
        final ListEventSink sink = new ListEventSink();
        final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        final ExecutorService blocking = Executors.newCachedThreadPool();
        final JobHandler jobs;

        Handler(WorkerConfig config) {
            jobs = new JobHandler(config, SutConnector.of(transport, config.ssh()), sink, timers, blocking,
                    new PrintStream(System.err, true));
        }

        /** Submits the job and waits until it is done with. */
        void run(Job job) throws Exception {
            jobs.submit(job).get(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            jobs.close();
            timers.shutdownNow();
            blocking.shutdownNow();
        }
    }

    private Job job(String type, SimulatedSut sut, String test) {
        boolean isTest = Job.TEST.equals(type);
        return new Job(type, run, run + "/" + sut.id() + "/" + ++jobNumber, sut.id(), sut.address().toString(),
                tree.toString(), null, Map.of(), Job.RELEASE.equals(type) ? null : PLAN, test,
                isTest ? serials.get(test) : 0, isTest ? 1 : 0, "now");
    }

    private Path runDir(SimulatedSut sut) throws IOException {
        try (Stream<Path> runs = Files.list(sut.workRoot().resolve("runs"))) {
            return runs.filter(p -> p.getFileName().toString().startsWith(run + "-") && Files.isDirectory(p))
                    .findFirst().orElseThrow();
        }
    }

    private Path planData(SimulatedSut sut) throws IOException {
        return runDir(sut).resolve("plans/plan/data");
    }

    private List<String> runFiles(SimulatedSut sut) throws IOException {
        try (Stream<Path> runs = Files.list(sut.workRoot().resolve("runs"))) {
            return runs.map(p -> p.getFileName().toString()).filter(name -> name.startsWith(run + "-")).toList();
        }
    }

    private static String describe(Event event) {
        if (event instanceof JobFinished end) {
            return String.join(" ", Stream.of("job.finished", end.kind(), end.test(), end.status())
                    .filter(java.util.Objects::nonNull).toList());
        }
        if (event instanceof TestStarted started) {
            return "test.started " + started.test() + " " + started.seq();
        }
        if (event instanceof TestResult result) {
            return "test.result " + result.test() + " " + result.seq()
                    + (result.result().hasNonNull("name") ? " " + result.result().get("name").textValue() : "")
                    + " " + result.result().path("status").textValue();
        }
        if (event instanceof TestFinished finished) {
            return "test.finished " + finished.test() + " " + finished.seq() + " " + finished.status();
        }
        return event.toString();
    }

    private static <T extends Event> List<T> only(List<Event> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not within 30 s");
            }
            Thread.sleep(50);
        }
    }
}
