package io.drover.coordinator.api;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The API's token check, the first of the server's routes: a request under {@code /api/} that changes something
 * (any method but GET and HEAD), or any request under {@code /api/} when reads are protected too, needs
 * {@code Authorization: Bearer TOKEN}; without it, or with another token, it is answered 401 here and goes no further,
 * so nothing is read, submitted or stored. Everything outside {@code /api/} (health, metrics, the page) stays open.
 * A read may also carry the token in the cookie {@value #COOKIE}, which the web page sets: a browser's
 * {@code EventSource} cannot send headers. Only reads: a cookie goes with requests other sites make too.
 */
public final class ApiAccess implements HttpRoutes {
    private static final String API = "/api/";
    private static final String BEARER = "Bearer ";
    public static final String COOKIE = "drover-token";

    private final byte[] tokenDigest;
    private final boolean readsProtected;

    private ApiAccess(String token, boolean readsProtected) {
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException("the API token is empty");
        }
        this.tokenDigest = digest(token);
        this.readsProtected = readsProtected;
    }

    /** Submitting and cancelling need {@code token}; reading needs it too when {@code readsProtected}. */
    public static ApiAccess withToken(String token, boolean readsProtected) {
        return new ApiAccess(token, readsProtected);
    }

    /** Whether reads need the token too. */
    public boolean readsProtected() {
        return readsProtected;
    }

    @Override
    public boolean handle(HttpServerRequest request) {
        if (!request.path().startsWith(API) || !needsToken(request.method())
                || accepts(request.getHeader("Authorization")) || isRead(request.method()) && acceptsCookie(request)) {
            return false;
        }
        request.response().putHeader("WWW-Authenticate", "Bearer realm=\"drover\"");
        RunsApi.reply(request, 401, RunsApi.error(request.getHeader("Authorization") == null
                ? "this needs the API token: send 'Authorization: Bearer TOKEN'"
                : "the API token is not right"));
        return true;
    }

    private boolean needsToken(HttpMethod method) {
        return readsProtected || !isRead(method);
    }

    private static boolean isRead(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD;
    }

    private boolean acceptsCookie(HttpServerRequest request) {
        Cookie cookie = request.getCookie(COOKIE);
        return cookie != null && matches(URLDecoder.decode(cookie.getValue(), StandardCharsets.UTF_8));
    }

    /** Whether an {@code Authorization} header's value (null when there is none) carries the token. */
    public boolean accepts(String header) {
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        return matches(header.substring(BEARER.length()).strip());
    }

    private boolean matches(String token) {
        // digests have one length, so the comparison takes the same time whatever was sent
        return MessageDigest.isEqual(tokenDigest, digest(token));
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
