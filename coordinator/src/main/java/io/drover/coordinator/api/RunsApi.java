package io.drover.coordinator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.coordinator.farm.RunIntake;
import io.drover.coordinator.farm.RunRequest;
import io.drover.coordinator.farm.RunSubmitter;
import io.drover.coordinator.policy.KnownIssueRules;
import io.drover.coordinator.policy.KnownIssueRulesException;
import io.drover.coordinator.store.StoreReader;
import io.drover.event.IssueRule;
import io.drover.job.FarmTopics;
import io.drover.event.RunPolicy;
import io.drover.event.RunSut;
import io.drover.fmf.FmfException;
import io.drover.tmt.NoSuchPlanException;
import io.drover.sut.SutAddress;
import io.drover.tree.GitCheckouts;
import io.drover.tree.GitException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The coordinator's HTTP API, version 1:
 * <ul>
 * <li>{@code POST /api/v1/runs} with a JSON run ({@link ApiRun}): splits it (a git repository's ref resolved to a
 *     commit), records its tests and hands it to the
 *     coordinator; answers 201 with {@code {"run": ID, "tests": N, "partition": P, "offset": O}} (where its events
 *     begin on {@code drover.events}), or 400 with {@code {"error": "one line"}}.</li>
 * <li>{@code POST /api/v1/runs/ID/cancel} with an optional {@code {"plan": ..., "test": ..., "reason": ...}}:
 *     cancels the run, or one test; answers 202.</li>
 * <li>with a result store, the GETs of {@link RunsReadApi}: runs, a run, a run's events live.</li>
 * </ul>
 * A body over {@link #MAX_BODY} answers 413 without being kept. Who may ask is for a route placed first, such as
 * {@link ApiAccess}.
 */
public final class RunsApi implements AutoCloseable {
    /** The largest request body taken (1 MiB; a run is a few KiB of JSON): a larger one is refused with 413. */
    public static final int MAX_BODY = 1 << 20;
    private static final Pattern CANCEL = Pattern.compile("/api/v1/runs/([^/]+)/cancel");
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    /**
     * A run as the API takes it; only {@code tree} and {@code suts} are required. {@code tree} is a path or a git
     * URL, {@code ref} a git repository's branch, tag or commit (default: its HEAD), as {@code run.created} has them;
     * {@code knownIssues} is a known-issue rules file's list as JSON (docs/pools.md).
     */
    public record ApiRun(String tree, String ref, List<String> plans, List<String> names, Boolean defaultPlan,
                         Map<String, List<String>> context, List<RunSut> suts, JsonNode policy,
                         JsonNode knownIssues) {
    }

    private record ApiCancel(String plan, String test, String reason) {
    }

    /** Event streams open at once unless configured: each holds a thread and a Kafka consumer. */
    public static final int DEFAULT_MAX_EVENT_STREAMS = 200;

    private final Vertx vertx;
    private final HttpServer server;
    private final RunsReadApi reads;

    private RunsApi(Vertx vertx, HttpServer server, RunsReadApi reads) {
        this.vertx = vertx;
        this.server = server;
        this.reads = reads;
    }

    /**
     * Listens on {@code host:port} (0 picks a free port).
     *
     * @param cancel called with (run, request body) for a cancel
     */
    public static RunsApi start(String host, int port, RunSubmitter submitter, Canceller cancel) {
        return start(host, port, submitter, cancel, GitCheckouts.inUserCache());
    }

    /** The same, checking runs' git repositories out in {@code checkouts}. */
    public static RunsApi start(String host, int port, RunSubmitter submitter, Canceller cancel,
                                GitCheckouts checkouts) {
        return start(host, port, submitter, cancel, checkouts, null);
    }

    /**
     * The same, answering the GETs of {@link RunsReadApi} too: runs from the result store {@code store}, live events
     * from the farm's Kafka ({@code bootstrap}, {@code topics}), output from the store's {@code results}.
     */
    public static RunsApi start(String host, int port, RunSubmitter submitter, Canceller cancel,
                                GitCheckouts checkouts, StoreReader store, String bootstrap, FarmTopics topics,
                                Path results) {
        return start(host, port, submitter, cancel, checkouts, store, bootstrap, topics, results, List.of());
    }

    /** The same, handing each request to {@code routes} first, in order (pages, metrics, health, access checks). */
    public static RunsApi start(String host, int port, RunSubmitter submitter, Canceller cancel,
                                GitCheckouts checkouts, StoreReader store, String bootstrap, FarmTopics topics,
                                Path results, List<HttpRoutes> routes) {
        return start(host, port, submitter, cancel, checkouts, store, bootstrap, Map.of(), topics, results,
                DEFAULT_MAX_EVENT_STREAMS, routes);
    }

    /**
     * The same, reading Kafka with more client properties ({@code kafka}: security, timeouts), with at most
     * {@code maxEventStreams} event streams open at once (more are answered 503).
     */
    public static RunsApi start(String host, int port, RunSubmitter submitter, Canceller cancel,
                                GitCheckouts checkouts, StoreReader store, String bootstrap, Map<String, Object> kafka,
                                FarmTopics topics, Path results, int maxEventStreams, List<HttpRoutes> routes) {
        return start(host, port, submitter, cancel, checkouts,
                new RunsReadApi.Sources(store, bootstrap, kafka, topics, results, maxEventStreams), routes);
    }

    private static RunsApi start(String host, int port, RunSubmitter submitter, Canceller cancel,
                                 GitCheckouts checkouts, RunsReadApi.Sources sources) {
        return start(host, port, submitter, cancel, checkouts, sources, List.of());
    }

    private static RunsApi start(String host, int port, RunSubmitter submitter, Canceller cancel,
                                 GitCheckouts checkouts, RunsReadApi.Sources sources, List<HttpRoutes> routes) {
        Vertx vertx = Vertx.vertx();
        RunsReadApi reads = sources == null ? null : new RunsReadApi(sources);
        try {
            HttpServer server = vertx.createHttpServer()
                    .requestHandler(request -> {
                        for (HttpRoutes route : routes) {
                            if (route.handle(request)) {
                                return;
                            }
                        }
                        if (request.method() == HttpMethod.GET && reads != null && reads.handle(request)) {
                            return;
                        }
                        handle(vertx, request, submitter, cancel, checkouts);
                    })
                    .listen(port, host).await();
            return new RunsApi(vertx, server, reads);
        } catch (RuntimeException e) {
            if (reads != null) {
                reads.close();
            }
            vertx.close().await();
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** Cancels a whole run (plan and test null) or one test. */
    @FunctionalInterface
    public interface Canceller {
        void cancel(String run, String plan, String test, String reason);
    }

    public int port() {
        return server.actualPort();
    }

    private static void handle(Vertx vertx, HttpServerRequest request, RunSubmitter submitter, Canceller cancel,
                               GitCheckouts checkouts) {
        String path = request.path();
        Matcher cancelPath = CANCEL.matcher(path);
        if (!path.equals("/api/v1/runs") && !cancelPath.matches()) {
            reply(request, 404, error("no such resource: " + path));
            return;
        }
        if (request.method() != HttpMethod.POST) {
            request.response().putHeader("Allow", "POST");
            reply(request, 405, error(request.method() + " is not allowed on " + path + "; use POST"));
            return;
        }
        RequestBodies.read(request, MAX_BODY, body -> {
            if (cancelPath.matches()) {
                cancelRun(request, body.length() == 0 ? "{}" : body.toString(), cancelPath.group(1), cancel);
                return;
            }
            Future<ObjectNode> submitted = vertx.executeBlocking(() -> submit(body.toString(), submitter, checkouts));
            submitted.onSuccess(answer -> reply(request, 201, answer))
                    .onFailure(e -> reply(request, e instanceof BadRun ? 400 : 500, error(e.getMessage())));
        });
    }

    private static ObjectNode submit(String body, RunSubmitter submitter, GitCheckouts checkouts) {
        ApiRun run;
        try {
            run = JSON.readValue(body, ApiRun.class);
        } catch (JsonProcessingException e) {
            throw new BadRun("bad run: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        if (run.tree() == null || run.suts() == null || run.suts().isEmpty()) {
            throw new BadRun("bad run: 'tree' and at least one of 'suts' are required");
        }
        for (RunSut sut : run.suts()) {
            if (sut.id() == null || sut.id().isBlank() || sut.id().contains("/") || sut.address() == null) {
                throw new BadRun("bad run: every SUT needs an 'id' (no '/') and an 'address'");
            }
            try {
                SutAddress.parse(sut.address());
            } catch (IllegalArgumentException e) {
                throw new BadRun("bad run: SUT " + sut.id() + ": " + e.getMessage());
            }
        }
        RunIntake.SplitRun split;
        try {
            RunRequest request = new RunRequest(run.tree(), run.ref(), orEmpty(run.plans()), orEmpty(run.names()),
                    Boolean.TRUE.equals(run.defaultPlan()), run.context() == null ? Map.of() : run.context(), "api",
                    run.suts(), policy(run.policy()), knownIssues(run.knownIssues()));
            split = RunIntake.split(request, RunIntake.newRunId(), checkouts);
        } catch (FmfException | NoSuchPlanException | GitException | IllegalArgumentException e) {
            throw new BadRun(e.getMessage());
        }
        RecordMetadata where = submitter.submit(split);
        return JSON.createObjectNode().put("run", split.runId()).put("tests", split.tests().size())
                .put("partition", where.partition()).put("offset", where.offset());
    }

    /** The run's policy: the keys given, the defaults for the others. */
    private static RunPolicy policy(JsonNode policy) {
        if (policy == null || policy.isNull()) {
            return RunPolicy.DEFAULT;
        }
        if (!policy.isObject()) {
            throw new BadRun("bad run: 'policy' must be an object");
        }
        policy.fieldNames().forEachRemaining(key -> {
            if (!List.of("infraRetries", "testRetries", "sutStrikes").contains(key)) {
                throw new BadRun("bad run: policy." + key + ": unknown key (expected infraRetries, testRetries, "
                        + "sutStrikes)");
            }
        });
        RunPolicy defaults = RunPolicy.DEFAULT;
        return new RunPolicy(count(policy, "infraRetries", defaults.infraRetries(), 0),
                count(policy, "testRetries", defaults.testRetries(), 0),
                count(policy, "sutStrikes", defaults.sutStrikes(), 1));
    }

    private static int count(JsonNode policy, String key, int otherwise, int least) {
        JsonNode value = policy.get(key);
        if (value == null) {
            return otherwise;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < least) {
            throw new BadRun("bad run: policy." + key + ": expected a whole number, " + least + " or more");
        }
        return value.intValue();
    }

    /** A rules file's list of rules, as JSON; a rule is named by its place, {@code knownIssues[N]}. */
    private static List<IssueRule> knownIssues(JsonNode rules) {
        if (rules == null || rules.isNull()) {
            return List.of();
        }
        if (!rules.isArray()) {
            throw new BadRun("bad run: 'knownIssues' must be a list of rules");
        }
        List<IssueRule> all = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            try {
                all.addAll(KnownIssueRules.parse("[" + rules.get(i) + "]", "knownIssues[" + i + "]").data());
            } catch (KnownIssueRulesException e) {
                throw new BadRun("bad run: " + e.getMessage());
            }
        }
        return all;
    }

    private static void cancelRun(HttpServerRequest request, String body, String run, Canceller cancel) {
        ApiCancel what;
        try {
            what = JSON.readValue(body, ApiCancel.class);
        } catch (JsonProcessingException e) {
            reply(request, 400, error("bad cancel: " + e.getOriginalMessage().lines().findFirst().orElse("")));
            return;
        }
        if ((what.plan() == null) != (what.test() == null)) {
            reply(request, 400, error("bad cancel: name both a plan and a test, or neither"));
            return;
        }
        cancel.cancel(run, what.plan(), what.test(), what.reason());
        reply(request, 202, JSON.createObjectNode().put("run", run).put("cancel", what.test() == null ? "run" : "test"));
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    public static ObjectNode error(String message) {
        return JSON.createObjectNode().put("error", message == null ? "unknown error" : message.lines().findFirst().orElse(""));
    }

    public static void reply(HttpServerRequest request, int status, ObjectNode body) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(body.toString() + "\n");
    }

    @Override
    public void close() {
        if (reads != null) {
            reads.close();
        }
        server.close().await();
        vertx.close().await();
    }

    /** A run the API refuses: the client's mistake (400). */
    private static final class BadRun extends RuntimeException {
        BadRun(String message) {
            super(message);
        }
    }

}
