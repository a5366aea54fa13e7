package io.drover.coordinator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.coordinator.export.ExportTest;
import io.drover.coordinator.farm.FarmException;
import io.drover.coordinator.farm.RunTail;
import io.drover.coordinator.store.ArtifactFiles;
import io.drover.coordinator.store.RunSummary;
import io.drover.coordinator.store.RunTests;
import io.drover.coordinator.store.StoreReader;
import io.drover.event.Event;
import io.drover.job.FarmTopics;
import io.drover.result.ArtifactLayout;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.KafkaException;

/**
 * The API's reading side:
 * <ul>
 * <li>{@code GET /api/v1/runs[?limit=N]}: the newest runs in the result store, newest first;</li>
 * <li>{@code GET /api/v1/runs/ID}: one run, with its counts so far;</li>
 * <li>{@code GET /api/v1/runs/ID/tests/TEST/output[?plan=PLAN][&attempt=N]}: the test's output as the store has
 *     written it so far (its final attempt, or while it runs its newest; {@code plan} when the run has the test in
 *     several plans);</li>
 * <li>{@code GET /api/v1/runs/ID/tests}: the run's tests as the result store has them, each with its verdict and final
 *     attempt, in the run's order;</li>
 * <li>{@code GET /api/v1/runs/ID/events}: the run's events as Server-Sent Events, from its start or after the event
 *     whose id a reconnecting client sends in {@code Last-Event-ID} (or {@code ?after=}), live until its
 *     {@code run.finished}. Each message's {@code event} is the event's type, {@code data} its JSON line, {@code id}
 *     its offset in the run's partition.</li>
 * </ul>
 */
final class RunsReadApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RUN = Pattern.compile("/api/v1/runs/([^/]+)");
    private static final Pattern EVENTS = Pattern.compile("/api/v1/runs/([^/]+)/events");
    private static final Pattern TESTS = Pattern.compile("/api/v1/runs/([^/]+)/tests");
    private static final Pattern OUTPUT = Pattern.compile("/api/v1/runs/([^/]+)/tests(/.+)/output");

    /**
     * What the reading side reads.
     *
     * @param store     the result store
     * @param bootstrap the farm's Kafka, for live events
     * @param results   where the store writes the tests' output
     * @param maxEventStreams how many event streams may be open at once: each holds a thread and a Kafka consumer
     */
    record Sources(StoreReader store, String bootstrap, Map<String, Object> kafka, FarmTopics topics, Path results,
                   int maxEventStreams) {
    }

    /** What a client told to come back later waits, in seconds. */
    private static final String RETRY_AFTER = "5";

    private final Sources sources;
    private final Semaphore eventStreams;
    private final ExecutorService readers = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "drover-api-reader");
        thread.setDaemon(true);
        return thread;
    });

    RunsReadApi(Sources sources) {
        this.sources = sources;
        this.eventStreams = new Semaphore(sources.maxEventStreams());
    }

    /** Answers a GET; false when the path is not one of this side's. */
    boolean handle(HttpServerRequest request) {
        String path = request.path();
        Matcher events = EVENTS.matcher(path);
        Matcher run = RUN.matcher(path);
        if (path.equals("/api/v1/runs")) {
            int limit = limit(request.getParam("limit"));
            if (limit < 1) {
                RunsApi.reply(request, 400, RunsApi.error("limit: give a number from 1 to 1000"));
                return true;
            }
            read(request, () -> JSON.writeValueAsString(sources.store().runs(limit)), body -> json(request, 200, body));
            return true;
        }
        if (events.matches()) {
            stream(request, events.group(1));
            return true;
        }
        Matcher tests = TESTS.matcher(path);
        if (tests.matches()) {
            read(request, () -> sources.store().run(tests.group(1)), found -> sendTests(request, tests.group(1), found));
            return true;
        }
        Matcher output = OUTPUT.matcher(path);
        if (output.matches()) {
            String id = output.group(1);
            String test = decoded(output.group(2));
            read(request, () -> sources.store().attempts(id, test, request.getParam("plan")),
                    found -> sendOutput(request, id, test, found));
            return true;
        }
        if (run.matches()) {
            read(request, () -> sources.store().run(run.group(1)), found -> found(request, run.group(1), found));
            return true;
        }
        return false;
    }

    /** A path's segments as they are named: %XX escapes decoded (a '+' stays itself in a path). */
    private static String decoded(String path) {
        return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /**
     * Reads the store on a thread of {@link #readers}: the store's client waits for its answers, which it may not do on
     * a Vert.x thread.
     */
    private <T> void read(HttpServerRequest request, Callable<T> query, Consumer<T> answer) {
        CompletableFuture.supplyAsync(() -> {
            try {
                return query.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, readers).whenComplete((result, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                RunsApi.reply(request, 503, RunsApi.error(cause.getMessage()));
            } else {
                answer.accept(result);
            }
        });
    }

    private void sendOutput(HttpServerRequest request, String run, String test, List<StoreReader.TestAttempt> found) {
        if (found.isEmpty()) {
            RunsApi.reply(request, 404, RunsApi.error("run " + run + " has no test " + test
                    + (request.getParam("plan") == null ? "" : " in " + request.getParam("plan"))));
            return;
        }
        if (found.size() > 1) {
            RunsApi.reply(request, 400, RunsApi.error("test " + test + " is in several plans of run " + run
                    + ": give ?plan= one of " + found.stream().map(StoreReader.TestAttempt::plan).toList()));
            return;
        }
        int attempt;
        try {
            attempt = request.getParam("attempt") == null ? found.get(0).attempt()
                    : Integer.parseInt(request.getParam("attempt"));
        } catch (NumberFormatException e) {
            RunsApi.reply(request, 400, RunsApi.error("attempt: '" + request.getParam("attempt") + "' is not a number"));
            return;
        }
        Path runDir = ArtifactFiles.runDir(sources.results().toAbsolutePath().normalize(), run);
        Path file = runDir == null ? null : ArtifactLayout.attemptDir(runDir, found.get(0).plan(), test, attempt)
                .resolve(ArtifactLayout.OUTPUT).normalize();
        // a run or test named with "..", which the store holds as given, must not reach outside the run's directory
        if (attempt < 1 || file == null || !file.startsWith(runDir) || !Files.isRegularFile(file)) {
            RunsApi.reply(request, 404, RunsApi.error("test " + test + " of run " + run + " has no output"
                    + (attempt < 1 ? " (it has not started)" : " stored for attempt " + attempt)));
            return;
        }
        request.response().putHeader("Content-Type", "text/plain; charset=utf-8").sendFile(file.toString());
    }

    /** Stops the readers. */
    void close() {
        readers.shutdownNow();
    }

    private static int limit(String text) {
        try {
            int limit = text == null ? 20 : Integer.parseInt(text);
            return limit > 1000 ? 0 : limit;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void found(HttpServerRequest request, String id, Optional<RunSummary> run) {
        if (run.isEmpty()) {
            RunsApi.reply(request, 404, RunsApi.error("no run " + id + " in the result store"));
            return;
        }
        try {
            json(request, 200, JSON.writeValueAsString(run.get()));
        } catch (JsonProcessingException e) {
            RunsApi.reply(request, 500, RunsApi.error(e.getMessage()));
        }
    }

    /**
     * The run's tests as the store has them (verdict, final attempt; not their results), a JSON array written a test at
     * a time from the store's cursor, so a run of any size is never held whole.
     */
    private void sendTests(HttpServerRequest request, String run, Optional<RunSummary> found) {
        if (found.isEmpty()) {
            RunsApi.reply(request, 404, RunsApi.error("no run " + run + " in the result store"));
            return;
        }
        HttpServerResponse response = request.response().setChunked(true).putHeader("Content-Type", "application/json");
        readers.execute(() -> {
            try (RunTests tests = sources.store().tests(run)) {
                String separator = "[\n";
                while (tests.hasNext() && !response.closed()) {
                    ExportTest t = tests.next();
                    response.write(separator + JSON.createObjectNode().put("plan", t.plan())
                            .put("test", t.test()).put("serial", t.serial()).put("status", t.status())
                            .put("failureClass", t.failureClass()).put("reason", t.reason()).put("flaky", t.flaky())
                            .put("knownIssue", t.knownIssue()).put("attempt", t.attempt())
                            .put("durationMs", t.durationMs()).put("sut", t.sut()).put("startedAt", t.startedAt())
                            .put("finishedAt", t.finishedAt()));
                    separator = ",\n";
                }
                response.end(separator.equals("[\n") ? "[]\n" : "\n]\n");
            } catch (RuntimeException e) {
                response.reset(); // half an array: the client sees the connection cut, not a short list
            }
        });
    }

    private static void json(HttpServerRequest request, int status, String body) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body + "\n");
    }

    /** The run's events as they come, on a thread of their own until the run ends or the client goes away. */
    private void stream(HttpServerRequest request, String run) {
        String resume = request.getHeader("Last-Event-ID");
        resume = resume != null ? resume : request.getParam("after");
        long after;
        try {
            after = resume == null ? -1 : Long.parseLong(resume.strip());
        } catch (NumberFormatException e) {
            RunsApi.reply(request, 400, RunsApi.error("Last-Event-ID: '" + resume + "' is not an event id"));
            return;
        }
        if (!eventStreams.tryAcquire()) {
            request.response().putHeader("Retry-After", RETRY_AFTER);
            RunsApi.reply(request, 503, RunsApi.error("too many event streams open (" + sources.maxEventStreams()
                    + "): try again later"));
            return;
        }
        HttpServerResponse response = request.response().setChunked(true).putHeader("Content-Type",
                "text/event-stream").putHeader("Cache-Control", "no-cache");
        response.writeHead(); // the client knows it is connected before the run's first event
        long from = after;
        // set before the tail exists: a client gone while it is being made must still stop it
        AtomicReference<RunTail> following = new AtomicReference<>();
        AtomicBoolean gone = new AtomicBoolean();
        response.closeHandler(v -> {
            gone.set(true);
            RunTail tail = following.get();
            if (tail != null) {
                tail.stop();
            }
        });
        Thread thread = new Thread(() -> {
            try (RunTail tail = new RunTail(sources.bootstrap(), sources.kafka(), sources.topics(), run, false,
                    from)) {
                following.set(tail);
                if (gone.get()) {
                    return;
                }
                tail.follow(new RunTail.Listener() {
                    @Override
                    public void event(Event event, String line, long offset) {
                        // each event as its producer wrote it
                        response.write("id: " + offset + "\nevent: " + type(line) + "\ndata: " + line + "\n\n");
                    }

                    @Override
                    public void nothing() {
                        String why = from < 0 ? noMoreEvents(run) : null;
                        if (why != null) {
                            response.write("event: error\ndata: " + RunsApi.error(why) + "\n\n");
                            tail.stop();
                        }
                    }
                });
            } catch (FarmException | KafkaException e) {
                response.write("event: error\ndata: " + RunsApi.error(e.getMessage()) + "\n\n");
            } finally {
                eventStreams.release();
                if (!response.ended() && !response.closed()) {
                    response.end();
                }
            }
        }, "drover-api-events-" + run);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Why a run none of whose events are on Kafka will have none: the store does not know it, or it has finished and
     * its events are past Kafka's retention. Null when events may still come, or when the store cannot say.
     */
    private String noMoreEvents(String run) {
        try {
            return sources.store().run(run).map(summary -> summary.finishedAt() == null ? null
                    : "run " + run + " has finished and its events are no longer on Kafka")
                    .orElse("no run " + run + " on Kafka or in the result store");
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The type an event line names: the codec writes it second, {@code {"v":1,"type":"TYPE",...}}. */
    private static String type(String line) {
        int start = line.indexOf("\"type\":\"") + 8;
        return line.substring(start, line.indexOf('"', start));
    }
}
