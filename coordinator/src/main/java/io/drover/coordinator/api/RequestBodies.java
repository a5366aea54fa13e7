package io.drover.coordinator.api;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.util.function.Consumer;

/**
 * Reads a request's body up to a limit. A body announced larger ({@code Content-Length}) is refused with 413 before any
 * of it is kept; a chunked one as soon as it passes the limit. Either way the rest is dropped as it comes, and the
 * connection is closed when it ends, or a few seconds later.
 */
final class RequestBodies {
    /** How long a refused body is still received (and dropped) before the connection is closed. */
    static final long LINGER_MILLIS = 5_000;

    private RequestBodies() {
    }

    /** Hands the whole body to {@code then}, or answers 413 (too large) or 400 (a bad length, a broken read). */
    static void read(HttpServerRequest request, int limit, Consumer<Buffer> then) {
        String announced = request.getHeader("Content-Length");
        if (announced != null) {
            long length;
            try {
                length = Long.parseLong(announced.strip());
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length < 0) {
                refuse(request, 400, "bad Content-Length '" + announced + "'");
                return;
            }
            if (length > limit) {
                refuse(request, 413, tooLarge(limit));
                return;
            }
        }
        if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
            request.response().writeContinue();
        }
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + chunk.length() > limit) {
                refused[0] = true;
                refuse(request, 413, tooLarge(limit));
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(e -> {
            if (!refused[0] && !request.response().ended()) {
                refused[0] = true;
                RunsApi.reply(request, 400, RunsApi.error("cannot read the body: " + e.getMessage()));
            }
        });
        request.endHandler(end -> {
            if (!refused[0]) {
                then.accept(body);
            }
        });
    }

    private static String tooLarge(int limit) {
        return "the body is larger than " + limit + " bytes";
    }

    /**
     * Answers and then drops the rest of the body until it ends or {@link #LINGER_MILLIS} passed, then closes the
     * connection: closing at once could reset it before the client, still sending, has read the answer.
     */
    private static void refuse(HttpServerRequest request, int status, String message) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Connection", "close").end(RunsApi.error(message) + "\n");
        if (request.version() == HttpVersion.HTTP_2) {
            return; // the stream is done; the connection carries others
        }
        Vertx vertx = Vertx.currentContext().owner();
        long timer = vertx.setTimer(LINGER_MILLIS, fired -> request.connection().close());
        request.handler(dropped -> { });
        request.endHandler(end -> {
            vertx.cancelTimer(timer);
            request.connection().close();
        });
    }
}
