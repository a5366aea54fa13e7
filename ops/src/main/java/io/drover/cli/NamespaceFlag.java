package io.drover.cli;

import io.drover.job.FarmTopics;
import picocli.CommandLine.Option;

/** {@code --namespace}: which farm's topics on a shared Kafka cluster. */
final class NamespaceFlag {
    @Option(names = "--namespace", paramLabel = "NAME", description = "The farm's topics are NAME.jobs, NAME.events, "
            + "NAME.output and NAME.control (default: drover).")
    String namespace = FarmTopics.DEFAULT.namespace();

    FarmTopics topics() {
        try {
            return new FarmTopics(namespace);
        } catch (IllegalArgumentException e) {
            throw new ExitCodes.UsageException("--namespace: " + e.getMessage());
        }
    }
}
