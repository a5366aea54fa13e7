package io.drover.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Option;

/**
 * {@code --kafka-config FILE}: more properties for every Kafka client of the process, as a Java properties file,
 * for what a real cluster asks: {@code security.protocol}, {@code ssl.*}, {@code sasl.*}, timeouts.
 */
final class KafkaConfigFlag {
    @Option(names = "--kafka-config", paramLabel = "FILE", description = "Kafka client properties for every client "
            + "of this process, as a Java properties file: security.protocol, ssl.*, sasl.jaas.config, ... "
            + "(docs/operations.md). Not bootstrap.servers: that is --kafka.")
    Path file;

    /** The file's properties; none without the option. A file that cannot be read is a usage error. */
    Map<String, Object> properties() {
        if (file == null) {
            return Map.of();
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (NoSuchFileException e) {
            throw new ExitCodes.UsageException("--kafka-config " + file + ": no such file");
        } catch (IOException | IllegalArgumentException e) {
            throw new ExitCodes.UsageException("--kafka-config " + file + ": cannot read it (" + e.getMessage() + ")");
        }
        if (properties.containsKey("bootstrap.servers")) {
            throw new ExitCodes.UsageException("--kafka-config " + file + ": bootstrap.servers is given with --kafka");
        }
        // Kafka's config classes are loaded only here: picocli makes this flag on every start of every command
        Set<String> known = new HashSet<>(ConsumerConfig.configNames());
        known.addAll(ProducerConfig.configNames());
        known.addAll(AdminClientConfig.configNames());
        Map<String, Object> all = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (!known.contains(name)) {
                throw new ExitCodes.UsageException("--kafka-config " + file + ": " + name + " is not a property of "
                        + "Kafka's clients");
            }
            all.put(name, properties.getProperty(name));
        }
        try {
            // the clients' own check of the values, before any client is made
            Map<String, Object> check = new TreeMap<>(all);
            check.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
            new AdminClientConfig(check);
        } catch (ConfigException e) {
            throw new ExitCodes.UsageException("--kafka-config " + file + ": " + e.getMessage());
        }
        return all;
    }
}
