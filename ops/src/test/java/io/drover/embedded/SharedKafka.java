package io.drover.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One Kafka broker for the whole test JVM, started on first use on a free port with a fresh
 * temporary data directory, and stopped (its directory deleted) by a shutdown hook. Tests that
 * share it use their own topic and group names; a test that stops or restarts a broker starts
 * its own {@link EmbeddedKafka} instead.
 */
public final class SharedKafka {
    private static EmbeddedKafka kafka;

    private SharedKafka() {
    }

    /** The shared broker, started if needed. */
    public static synchronized EmbeddedKafka get() {
        if (kafka == null) {
            Path dir;
            try {
                dir = Files.createTempDirectory("drover-shared-kafka");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedKafka started = EmbeddedKafka.start(dir, 0);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                deleteTree(dir);
            }, "shared-kafka-stop"));
            kafka = started;
        }
        return kafka;
    }

    /** "127.0.0.1:PORT" of the shared broker, started if needed. */
    public static String bootstrapServers() {
        return get().bootstrapServers();
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temporary directory is not worth failing for
        }
    }
}
