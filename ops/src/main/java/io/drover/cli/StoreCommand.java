package io.drover.cli;

import io.drover.coordinator.store.StoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code drover store}: write a farm's events and output into the result store until stopped. */
@Command(name = "store", description = {"Run a result store of a farm: it writes the runs' events into PostgreSQL and "
        + "their output into the results directory. 'drover coordinator' runs one too; more share the work.",
        "Exit codes: 0 stopped by a signal, 74 the database cannot be used."})
final class StoreCommand implements Callable<Integer> {
    @Option(names = "--kafka", required = true, paramLabel = "HOST:PORT", description = "Kafka's bootstrap servers.")
    String kafka;
    @Mixin
    KafkaConfigFlag kafkaConfig;
    @Mixin
    StoreOptions store;
    @Mixin
    NamespaceFlag namespace;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException, IOException {
        PrintWriter err = spec.commandLine().getErr();
        CountDownLatch stop = new CountDownLatch(1);
        try (Interrupts interrupts = Interrupts.on("stopping the store", reason -> stop.countDown(), err);
             StoreOptions.Running running = store.start(kafka, kafkaConfig.properties(), namespace.topics(), err)) {
            err.println("drover: store of " + kafka + " writing to " + running.opened().database().where());
            err.flush();
            stop.await();
            return ExitCodes.OK;
        } catch (StoreException e) {
            err.println("drover: error: " + e.getMessage());
            return ExitCodes.IO_ERROR;
        }
    }
}
