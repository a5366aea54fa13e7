package io.drover.coordinator.metrics;

import io.drover.coordinator.api.HttpRoutes;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;

/**
 * An HTTP server with only some routes ({@code /metrics}, {@code /health/...}), for a process that serves no API: a
 * worker. Anything else is 404. Closing it stops it.
 */
public final class MetricsServer implements AutoCloseable {
    private final Vertx vertx;
    private final HttpServer server;

    private MetricsServer(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    /** Listens on {@code host:port} (0: any free port); an address that cannot be had is an IllegalStateException. */
    public static MetricsServer start(String host, int port, List<HttpRoutes> routes) {
        Vertx vertx = Vertx.vertx();
        try {
            HttpServer server = vertx.createHttpServer().requestHandler(request -> {
                for (HttpRoutes route : routes) {
                    if (route.handle(request)) {
                        return;
                    }
                }
                request.response().setStatusCode(404).end();
            }).listen(port, host).await();
            return new MetricsServer(vertx, server);
        } catch (RuntimeException e) {
            vertx.close().await();
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        vertx.close().await();
    }
}
