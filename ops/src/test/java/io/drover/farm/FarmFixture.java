package io.drover.farm;

import io.drover.coordinator.api.RunsApi;
import io.drover.coordinator.farm.Coordinator;
import io.drover.coordinator.farm.CoordinatorConfig;
import io.drover.coordinator.farm.FarmClients;
import io.drover.coordinator.farm.RunIntake;
import io.drover.coordinator.farm.RunRequest;
import io.drover.coordinator.farm.RunSubmitter;
import io.drover.coordinator.farm.RunTail;
import io.drover.coordinator.policy.KnownIssueRules;
import io.drover.embedded.SharedKafka;
import io.drover.event.Event;
import io.drover.event.RunFinished;
import io.drover.event.RunPolicy;
import io.drover.event.RunSut;
import io.drover.job.FarmTopics;
import io.drover.worker.farm.FarmWorker;
import io.drover.worker.farm.WorkerConfig;
import io.drover.worker.runner.ExecutionSettings;
import io.drover.worker.sim.SimulatedSut;
import io.drover.worker.sim.SimulatedSutFarm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A farm for one test: the JVM's shared Kafka broker under a namespace of its own, a coordinator, simulated
 * SUTs, and workers in this JVM or in processes of their own. Closing it stops them all.
 */
final class FarmFixture implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    final Path dir;
    final FarmTopics topics = new FarmTopics("t" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1));
    final String bootstrap = SharedKafka.bootstrapServers();
    final SimulatedSutFarm sims;
    final KafkaProducer<String, String> producer;
    final RunSubmitter submitter;
    final List<String> log = new CopyOnWriteArrayList<>();
    /** Every line of the events topic that {@link #follow} read, as its producer wrote it. */
    final List<String> eventLines = new CopyOnWriteArrayList<>();
    final List<FarmWorker> workers = new ArrayList<>();
    final List<Process> processes = new ArrayList<>();
    Coordinator coordinator;

    FarmFixture(int suts) throws IOException {
        dir = Files.createTempDirectory("drover-farm");
        sims = SimulatedSutFarm.start(dir.resolve("suts"), suts);
        producer = FarmClients.producer(bootstrap, Map.of(), "test-submitter");
        submitter = new RunSubmitter(producer, topics);
    }

    Coordinator startCoordinator() throws InterruptedException {
        return startCoordinator(KnownIssueRules.NONE);
    }

    /** A coordinator with the farm's own known-issue rules. */
    Coordinator startCoordinator(KnownIssueRules knownIssues) throws InterruptedException {
        coordinator = Coordinator.start(CoordinatorConfig.of(bootstrap).withTopics(topics).withPartitions(6)
                .withKnownIssues(knownIssues).withLog(log::add));
        if (!coordinator.awaitLive(Duration.ofSeconds(60))) {
            throw new IllegalStateException("the coordinator did not go live");
        }
        return coordinator;
    }

    FarmWorker startWorker(String id, int capacity, Duration grace) {
        FarmWorker worker = FarmWorker.start(new WorkerConfig(bootstrap, topics, id, capacity,
                dir.resolve("artifacts-" + id), ExecutionSettings.defaults().withGrace(grace), sims.sshOptions(),
                Duration.ofSeconds(1), Map.of()));
        workers.add(worker);
        return worker;
    }

    /** A worker in a JVM of its own, started with {@code drover worker}. */
    Process startWorkerProcess(String id, int capacity) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", classpath, "io.drover.cli.Drover", "worker", "--kafka", bootstrap,
                "--namespace", topics.namespace(), "--id", id, "--capacity", Integer.toString(capacity),
                "--artifacts", dir.resolve("artifacts-" + id).toString(),
                "--identity", sims.identityFile().toString(), "--known-hosts", sims.knownHostsFile().toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("worker-" + id + ".log").toFile()).start();
        processes.add(process);
        return process;
    }

    /** POSTs a JSON body to the API at {@code path}. */
    static HttpResponse<String> post(RunsApi api, String path, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    List<RunSut> pool() {
        List<RunSut> pool = new ArrayList<>();
        for (SimulatedSut sim : sims.suts()) {
            pool.add(new RunSut(sim.id(), sim.address().toString(), Map.of()));
        }
        return pool;
    }

    /** A run of the tree's plans on every SUT, submitted; follow it with {@link #follow}. */
    Submitted submit(Path tree, RunPolicy policy) {
        RunIntake.SplitRun split = RunIntake.split(new RunRequest(tree.toString(), List.of(), List.of(), false,
                Map.of(), "sim:" + sims.size(), pool(), policy), RunIntake.newRunId());
        return new Submitted(split, submitter.submit(split));
    }

    record Submitted(RunIntake.SplitRun split, RecordMetadata where) {
        String run() {
            return split.runId();
        }
    }

    /** Follows the run in the background; the future completes with every event of it, run.finished last. */
    CompletableFuture<List<Event>> follow(Submitted run, Consumer<Event> also) {
        return follow(run.run(), run.where().offset(), also);
    }

    /** The same for a run whose events begin at {@code offset} of its partition. */
    CompletableFuture<List<Event>> follow(String run, long offset, Consumer<Event> also) {
        return CompletableFuture.supplyAsync(() -> {
            List<Event> events = new ArrayList<>();
            try (RunTail watch = new RunTail(bootstrap, Map.of(), topics, run, false, offset - 1)) {
                RunFinished finished = watch.follow((event, line, at) -> {
                    eventLines.add(line);
                    events.add(event);
                    also.accept(event);
                });
                if (finished == null) {
                    throw new IllegalStateException("stopped before the run finished");
                }
            }
            return events;
        });
    }

    static <T extends Event> List<T> only(List<Event> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private boolean dumpLogs;

    /** On close, prints the workers' logs and the coordinator's notices: call it first thing in a test. */
    void dumpLogsOnFailure() {
        dumpLogs = true;
    }

    /** Marks the test as passed: nothing is printed on close. */
    void passed() {
        dumpLogs = false;
    }

    private void printLogs() {
        log.forEach(line -> System.err.println("coordinator: " + line));
        try (Stream<Path> logs = Files.list(dir)) {
            for (Path file : logs.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
                System.err.println("==> " + file.getFileName());
                System.err.println(Files.readString(file));
            }
        } catch (IOException e) {
            System.err.println("cannot read the logs: " + e);
        }
    }

    @Override
    public void close() {
        if (dumpLogs) {
            printLogs();
        }
        processes.forEach(Process::destroyForcibly);
        workers.forEach(FarmWorker::close);
        if (coordinator != null) {
            coordinator.close();
        }
        producer.close(Duration.ofSeconds(2));
        sims.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory
        }
    }

    /** Writes an fmf tree: one plan per entry of {@code plans} (name to its fmf body), and tests. */
    static Path tree(Path dir, Map<String, String> plans, Map<String, String> tests) throws IOException {
        Files.createDirectories(dir.resolve(".fmf"));
        Files.writeString(dir.resolve(".fmf/version"), "1\n");
        for (var plan : plans.entrySet()) {
            Path file = dir.resolve("plans" + plan.getKey() + ".fmf");
            Files.createDirectories(file.getParent());
            Files.writeString(file, plan.getValue());
        }
        for (var test : tests.entrySet()) {
            Path file = dir.resolve("tests" + test.getKey() + ".fmf");
            Files.createDirectories(file.getParent());
            Files.writeString(file, test.getValue());
        }
        return dir;
    }
}
