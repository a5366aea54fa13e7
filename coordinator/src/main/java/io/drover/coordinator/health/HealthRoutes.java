package io.drover.coordinator.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.coordinator.api.HttpRoutes;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * {@code GET /health/live}: 200 while the process serves. {@code GET /health/ready}: 200 when every check of
 * {@link Readiness} passes, else 503 with a JSON body naming the failing ones and why. The checks block, so they
 * run off the event loop.
 */
public final class HealthRoutes implements HttpRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Readiness readiness;

    public HealthRoutes(Readiness readiness) {
        this.readiness = readiness;
    }

    @Override
    public boolean handle(HttpServerRequest request) {
        switch (request.path()) {
            case "/health/live" -> json(request.response(), 200, JSON.createObjectNode().put("status", "live"));
            case "/health/ready" -> ready(request);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void ready(HttpServerRequest request) {
        Context context = Vertx.currentContext();
        context.executeBlocking(readiness::answer, false).onComplete(done -> {
            if (done.failed()) {
                ObjectNode body = JSON.createObjectNode().put("status", "unready");
                body.putObject("failing").put("checks", String.valueOf(done.cause().getMessage()));
                json(request.response(), 503, body);
                return;
            }
            Readiness.Answer answer = done.result();
            ObjectNode body = JSON.createObjectNode().put("status", answer.ready() ? "ready" : "unready");
            ObjectNode checks = body.putObject("checks");
            for (String name : readiness.names()) {
                checks.put(name, answer.failing().containsKey(name) ? "failing" : "ok");
            }
            if (!answer.ready()) {
                ObjectNode failing = body.putObject("failing");
                answer.failing().forEach(failing::put);
            }
            json(request.response(), answer.ready() ? 200 : 503, body);
        });
    }

    private static void json(HttpServerResponse response, int status, ObjectNode body) {
        response.setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toString() + "\n");
    }
}
