package io.drover.fmf;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shared conformance corpus ({@code ../shared/conformance}), read in place. Tests that
 * need it are skipped with a message naming the missing path when it is absent.
 */
public final class Conformance {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Conformance() {
    }

    /** The {@code conformance} directory; aborts the calling test when it does not exist. */
    public static Path root() {
        String shared = System.getProperty("drover.shared", "../../shared");
        Path dir = Path.of(shared, "conformance").toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(dir),
                "conformance corpus not found at " + dir + " (set -Ddrover.shared=/path/to/shared)");
        return dir;
    }

    public static Path fmfData() {
        return root().resolve("fmf-data");
    }

    public static Path tmtData() {
        return root().resolve("tmt-data");
    }

    /** The golden {@code *.nodes.json} dumps of the fmf fixture trees, sorted. */
    public static List<Path> goldenDumps() {
        try (Stream<Path> files = Files.list(fmfData().resolve("golden"))) {
            return files.filter(p -> p.toString().endsWith(".nodes.json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
