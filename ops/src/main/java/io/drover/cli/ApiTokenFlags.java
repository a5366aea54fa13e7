package io.drover.cli;

import io.drover.coordinator.api.ApiAccess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --api-token-file} and {@code --read-token-required}: who may use the coordinator's HTTP API. The token
 * comes from a file or from {@code DROVER_API_TOKEN}, never from the command line, where {@code ps} would show it.
 */
final class ApiTokenFlags {
    static final String ENVIRONMENT = "DROVER_API_TOKEN";

    @Option(names = "--api-token-file", paramLabel = "FILE", description = "Submitting and cancelling runs over HTTP "
            + "need 'Authorization: Bearer TOKEN', TOKEN being this file's first line (default: $" + ENVIRONMENT
            + "; with neither, anyone who reaches the port may submit).")
    Path tokenFile;
    @Option(names = "--read-token-required", description = "Reading the API (GET /api/...) needs the token too "
            + "(default: reads are open; /health and /metrics always are).")
    boolean readTokenRequired;

    /**
     * The API's access check, or null when no token is configured (and then a warning on {@code err}). A token file
     * that cannot be read or holds no token is a usage error.
     */
    ApiAccess access(Map<String, String> environment, PrintWriter err) {
        String token = tokenFile != null ? readToken(tokenFile) : environment.get(ENVIRONMENT);
        if (token != null && tokenFile == null) {
            token = token.strip();
            if (token.isEmpty()) {
                throw new ExitCodes.UsageException("$" + ENVIRONMENT + " is set but empty");
            }
        }
        if (token == null) {
            if (readTokenRequired) {
                throw new ExitCodes.UsageException("--read-token-required needs a token: give --api-token-file FILE "
                        + "or set $" + ENVIRONMENT);
            }
            err.println("drover: warning: no API token (--api-token-file or $" + ENVIRONMENT + "): anyone who can "
                    + "reach the HTTP port can submit and cancel runs");
            return null;
        }
        return ApiAccess.withToken(token, readTokenRequired);
    }

    /** The file's first line, trimmed; the file is read no further. */
    private static String readToken(Path file) {
        String line;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            line = reader.readLine();
        } catch (IOException e) {
            throw new ExitCodes.UsageException("--api-token-file " + file + ": cannot read it (" + why(e) + ")");
        }
        if (line == null || line.strip().isEmpty()) {
            throw new ExitCodes.UsageException("--api-token-file " + file + ": the first line holds no token");
        }
        return line.strip();
    }

    private static String why(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return "not UTF-8 text";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    }
}
