package io.drover.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The farm {@code drover run} starts in its own process when no {@code --kafka} is given. */
final class FarmOptions {
    @Option(names = "--workers", paramLabel = "N", description = "Without --kafka: how many workers to start in this process (default: 1).")
    int workers = 1;
    @Option(names = "--partitions", paramLabel = "N", description = "Without --kafka: partitions of the farm's topics (default: 4).")
    int partitions = 4;
    @Mixin
    WorkerFlags worker;
}
