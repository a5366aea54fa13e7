package io.drover.coordinator.web;

import io.drover.coordinator.api.HttpRoutes;
import io.drover.coordinator.store.StoreDatabase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Serves the page: {@code GET /} and {@code GET /web/FILE} for its script and style, read once from the classpath.
 * Everything the page shows it reads from the API.
 */
public final class WebPage implements HttpRoutes {
    private static final String POLICY = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'";

    private record Asset(String type, Buffer body) {
    }

    private final Map<String, Asset> assets = Map.of(
            "/", asset("index.html", "text/html; charset=utf-8"),
            "/web/app.js", asset("app.js", "text/javascript; charset=utf-8"),
            "/web/app.css", asset("app.css", "text/css; charset=utf-8"));

    /** The page and the reads it needs besides the API's: an attempt's files from the store's {@code results}. */
    public static HttpRoutes routes(StoreDatabase database, Path results) {
        WebPage page = new WebPage();
        RunFiles files = new RunFiles(database, results);
        return request -> page.handle(request) || files.handle(request);
    }

    @Override
    public boolean handle(HttpServerRequest request) {
        Asset asset = assets.get(request.path());
        if (asset == null || (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD)) {
            return false;
        }
        request.response().putHeader("Content-Type", asset.type()).putHeader("Cache-Control", "no-cache")
                .putHeader("X-Content-Type-Options", "nosniff").putHeader("Content-Security-Policy", POLICY)
                .end(asset.body());
        return true;
    }

    private static Asset asset(String name, String type) {
        try (InputStream in = WebPage.class.getResourceAsStream("/io/drover/web/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the page's " + name + " is missing from the classpath");
            }
            return new Asset(type, Buffer.buffer(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
