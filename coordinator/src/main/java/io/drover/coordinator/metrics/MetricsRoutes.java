package io.drover.coordinator.metrics;

import io.drover.coordinator.api.HttpRoutes;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/** {@code GET /metrics}: the registry in Prometheus's text format. */
public final class MetricsRoutes implements HttpRoutes {
    private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";
    private final PrometheusMeterRegistry registry;

    public MetricsRoutes(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public boolean handle(HttpServerRequest request) {
        if (!"/metrics".equals(request.path())) {
            return false;
        }
        if (request.method() != HttpMethod.GET) {
            request.response().setStatusCode(405).putHeader("Allow", "GET").end();
            return true;
        }
        // a scrape only reads counters held in memory: quick enough for the event loop
        request.response().putHeader("Content-Type", TEXT_FORMAT).end(registry.scrape());
        return true;
    }
}
