package io.drover.farm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium driven over the Chrome DevTools Protocol: one page, on a WebSocket of Vert.x's. Closing it kills
 * the browser and every process it started. Every wait is limited.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Process process;
    private final Vertx vertx = Vertx.vertx();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final StringBuilder log = new StringBuilder();
    private WebSocket socket;
    private String session;

    private HeadlessChromium(Process process) {
        this.process = process;
    }

    /** Debian's {@code chromium} on the PATH, or null. */
    static Path find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** Starts the browser with its profile in {@code profile} and opens a blank page. */
    static HeadlessChromium start(Path chromium, Path profile) throws Exception {
        Process process = new ProcessBuilder(chromium.toString(), "--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--remote-debugging-port=0",
                "--remote-allow-origins=*", "--user-data-dir=" + profile, "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        HeadlessChromium browser = new HeadlessChromium(process);
        try {
            browser.connect(browser.devToolsUrl());
            String target = browser.call("Target.createTarget", JSON.createObjectNode().put("url", "about:blank"))
                    .get("targetId").textValue();
            browser.session = browser.call("Target.attachToTarget", JSON.createObjectNode().put("targetId", target)
                    .put("flatten", true)).get("sessionId").textValue();
            return browser;
        } catch (Exception | Error e) {
            browser.close();
            throw e;
        }
    }

    /** Reads the browser's stderr, on a thread of its own, until it says where DevTools listens. */
    private String devToolsUrl() throws Exception {
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = err.readLine(); line != null; line = err.readLine()) {
                    synchronized (log) {
                        log.append(line).append('\n');
                    }
                    Matcher listening = LISTENING.matcher(line);
                    if (listening.find()) {
                        url.complete(listening.group(1));
                    }
                }
            } catch (IOException e) {
                // the browser was killed
            }
            url.completeExceptionally(new IllegalStateException("chromium exited without DevTools: " + log()));
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        return url.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private void connect(String url) throws Exception {
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxFrameSize(16 << 20).setMaxMessageSize(64 << 20));
        socket = client.connect(new WebSocketConnectOptions().setAbsoluteURI(url).setAllowOriginHeader(false))
                .toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        socket.textMessageHandler(text -> {
            try {
                JsonNode message = JSON.readTree(text);
                CompletableFuture<JsonNode> answer = message.has("id")
                        ? pending.remove(message.get("id").longValue()) : null;
                if (answer == null) {
                    return; // an event: nothing here listens to them
                }
                if (message.has("error")) {
                    answer.completeExceptionally(new IllegalStateException(message.get("error").toString()));
                } else {
                    answer.complete(message.get("result"));
                }
            } catch (IOException e) {
                pending.values().forEach(f -> f.completeExceptionally(e));
            }
        });
    }

    /** Calls a DevTools method (on the page, once attached) and waits for its result. */
    private JsonNode call(String method, ObjectNode params) throws Exception {
        long id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        if (session != null) {
            message.put("sessionId", session);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.writeTextMessage(message.toString());
        try {
            return answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            pending.remove(id);
        }
    }

    /** Loads {@code url} in the page. */
    void navigate(String url) throws Exception {
        JsonNode result = call("Page.navigate", JSON.createObjectNode().put("url", url));
        if (result.hasNonNull("errorText")) {
            throw new IllegalStateException("cannot load " + url + ": " + result.get("errorText").textValue());
        }
    }

    /** Evaluates a JavaScript expression in the page (awaiting a promise) and returns its value as JSON. */
    JsonNode evaluate(String expression) throws Exception {
        JsonNode result = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("the page threw: " + result.get("exceptionDetails"));
        }
        JsonNode value = result.get("result").get("value");
        return value == null ? JSON.nullNode() : value;
    }

    /** What the browser wrote on its stderr so far. */
    String log() {
        synchronized (log) {
            return log.toString();
        }
    }

    @Override
    public void close() {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing: nothing left to do
        }
    }
}
