package io.drover.coordinator.api;

import io.vertx.core.http.HttpServerRequest;

/**
 * Some of what the coordinator's HTTP server answers: a page, an endpoint, or a check every request passes through.
 * {@link RunsApi} hands each request to its routes in order, then to the API itself; the first that answers it
 * returns true. Called on the server's event loop: a route must not block it.
 */
@FunctionalInterface
public interface HttpRoutes {
    /** Answers the request, or leaves it to the next routes: true when it answered (or will, asynchronously). */
    boolean handle(HttpServerRequest request);
}
