package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --kafka-config FILE}: Kafka client properties, read and checked before any client is made. */
class KafkaConfigFlagTest {
    @TempDir
    Path temp;

    private Path file(String text) throws Exception {
        Path file = temp.resolve("kafka.properties");
        Files.writeString(file, text);
        return file;
    }

    private static void refused(String file, String message) {
        // nothing listens on port 1: a command that got past the flag would fail differently
        CliRun run = CliRun.of("worker", "--kafka", "127.0.0.1:1", "--kafka-config", file);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(64);
        assertThat(run.err()).startsWith("drover: error: --kafka-config " + file + ": " + message)
                .doesNotContain("Exception").hasLineCount(1);
    }

    @Test
    void theFileMustBeThereAndHoldKafkasClientProperties() throws Exception {
        refused(temp.resolve("missing.properties").toString(), "no such file");
        refused(file("bootstrap.servers=a:9092\n").toString(), "bootstrap.servers is given with --kafka");
        refused(file("securty.protocol=SSL\n").toString(), "securty.protocol is not a property of Kafka's clients");
        refused(file("security.protocol=NOPE\n").toString(), "Invalid value NOPE for configuration security.protocol");
    }

    @Test
    void theFilesPropertiesAreGivenToTheClients() throws Exception {
        KafkaConfigFlag flag = new KafkaConfigFlag();
        flag.file = file("""
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                request.timeout.ms=45000
                """);
        assertThat(flag.properties()).containsExactly(
                java.util.Map.entry("request.timeout.ms", "45000"),
                java.util.Map.entry("sasl.mechanism", "SCRAM-SHA-512"),
                java.util.Map.entry("security.protocol", "SASL_SSL"));
        assertThat(new KafkaConfigFlag().properties()).isEmpty();
    }
}
