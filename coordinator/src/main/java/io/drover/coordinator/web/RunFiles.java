package io.drover.coordinator.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.coordinator.api.HttpRoutes;
import io.drover.coordinator.api.RunsApi;
import io.drover.coordinator.store.ArtifactFiles;
import io.drover.coordinator.store.StoreDatabase;
import io.drover.result.ArtifactLayout;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An attempt's files, as the result store recorded them (its {@code artifacts} table):
 * <ul>
 * <li>{@code GET /api/v1/runs/ID/files?test=TEST[&plan=PLAN]}: the files of every attempt of the test, newest attempt
 *     first, each {@code {"plan", "attempt", "name", "path", "size"}} ({@code name} relative to the attempt's
 *     directory, {@code path} to the run's);</li>
 * <li>{@code GET /api/v1/runs/ID/file?path=PATH[&from=N]}: a file's bytes as written so far, from byte {@code N}
 *     (for following a growing output).</li>
 * </ul>
 * Only files the store recorded for the run are served, and only from under the run's directory of the results,
 * symbolic links resolved.
 */
final class RunFiles implements HttpRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LIST = Pattern.compile("/api/v1/runs/([^/]+)/files");
    private static final Pattern FILE = Pattern.compile("/api/v1/runs/([^/]+)/file");
    private static final int MAX_FILES = 1000;

    /** A file of an attempt. */
    record AttemptFile(String plan, int attempt, String name, String path, long size) {
    }

    private record Found(Path file, long size) {
    }

    private final StoreDatabase database;
    private final Path results;

    RunFiles(StoreDatabase database, Path results) {
        this.database = database;
        this.results = results.toAbsolutePath().normalize();
    }

    @Override
    public boolean handle(HttpServerRequest request) {
        Matcher list = LIST.matcher(request.path());
        Matcher file = FILE.matcher(request.path());
        if (request.method() != HttpMethod.GET || !list.matches() && !file.matches()) {
            return false;
        }
        if (list.matches()) {
            list(request, list.group(1));
        } else {
            send(request, file.group(1));
        }
        return true;
    }

    private void list(HttpServerRequest request, String run) {
        String test = request.getParam("test");
        if (test == null) {
            error(request, 400, "test: name the test whose files to list");
            return;
        }
        database.pool().preparedQuery("""
                select plan, attempt, path, size from artifacts
                where run = $1 and test = $2 and ($3::text is null or plan = $3)
                order by attempt desc, plan, path limit $4""")
                .execute(Tuple.of(run, test, request.getParam("plan"), MAX_FILES))
                .onFailure(e -> error(request, 503, "the result store: " + e.getMessage()))
                .onSuccess(rows -> {
                    List<AttemptFile> files = new ArrayList<>();
                    for (Row row : rows) {
                        String path = row.getString(2);
                        String attemptDir = ArtifactLayout.attemptDir(Path.of(""), row.getString(0), test,
                                row.getInteger(1)) + "/";
                        files.add(new AttemptFile(row.getString(0), row.getInteger(1), path.startsWith(attemptDir)
                                ? path.substring(attemptDir.length()) : path, path, row.getLong(3)));
                    }
                    try {
                        request.response().putHeader("Content-Type", "application/json")
                                .end(JSON.writeValueAsString(files) + "\n");
                    } catch (JsonProcessingException e) {
                        error(request, 500, e.getMessage());
                    }
                });
    }

    private void send(HttpServerRequest request, String run) {
        String path = request.getParam("path");
        long from;
        try {
            from = request.getParam("from") == null ? 0 : Long.parseLong(request.getParam("from"));
        } catch (NumberFormatException e) {
            from = -1;
        }
        if (path == null || from < 0) {
            error(request, 400, path == null ? "path: name the file" : "from: give a byte offset, 0 or more");
            return;
        }
        long start = from;
        Context context = Vertx.currentContext();
        recorded(run, path).compose(known -> context.executeBlocking(() -> {
            Path file = known ? confined(run, path) : null;
            return file == null ? null : new Found(file, Files.size(file));
        })).onComplete(found -> {
            HttpServerResponse response = request.response();
            if (found.failed()) {
                error(request, 503, "the result store: " + found.cause().getMessage());
            } else if (found.result() == null) {
                error(request, 404, "run " + run + " has no file " + path);
            } else {
                Path file = found.result().file();
                long size = found.result().size();
                response.putHeader("Content-Type", type(file)).putHeader("X-Content-Type-Options", "nosniff")
                        .putHeader("Content-Security-Policy", "sandbox").putHeader("Cache-Control", "no-cache");
                if (start >= size) {
                    response.end();
                } else {
                    response.sendFile(file.toString(), start, size - start);
                }
            }
        });
    }

    private Future<Boolean> recorded(String run, String path) {
        return database.pool().preparedQuery("select 1 from artifacts where run = $1 and path = $2 limit 1")
                .execute(Tuple.of(run, path)).map(rows -> rows.size() > 0);
    }

    /**
     * The file, when it is a regular file under the run's directory once links are resolved; else null. Blocks.
     */
    private Path confined(String run, String path) throws IOException {
        Path runDir = ArtifactFiles.runDir(results, run);
        if (runDir == null) {
            return null;
        }
        Path file = runDir.resolve(path).normalize();
        if (!file.startsWith(runDir) || !Files.isRegularFile(file)) {
            return null;
        }
        Path real = file.toRealPath();
        Path realRunDir = results.toRealPath().resolve(runDir.getFileName());
        return real.startsWith(realRunDir) && Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS) ? real : null;
    }

    private static String type(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1);
        return List.of("", "txt", "log", "out", "err", "yaml", "yml", "json", "xml", "sh").contains(extension)
                ? "text/plain; charset=utf-8" : "application/octet-stream";
    }

    private static void error(HttpServerRequest request, int status, String message) {
        RunsApi.reply(request, status, RunsApi.error(message));
    }
}
