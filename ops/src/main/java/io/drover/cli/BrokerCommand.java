package io.drover.cli;

import io.drover.embedded.BrokerStartException;
import io.drover.embedded.EmbeddedKafka;
import io.drover.embedded.StateDir;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code drover broker}: a single-node Kafka broker (KRaft) on 127.0.0.1 in this process, until
 * SIGINT or SIGTERM, which stop it cleanly (exit 0; a second signal halts at once, 130). A port
 * in use exits 64, as a usage error: the user chooses another {@code --port}. A data directory
 * that cannot be created, written or locked, or on which Kafka does not start, exits 74.
 */
@Command(name = "broker", description = {"Run a single-node Kafka broker (KRaft mode) on 127.0.0.1 until Ctrl-C or SIGTERM.",
        "A restarted broker keeps its topics and records (the data directory is reused).",
        "Exit codes: 0 stopped by a signal, 64 the port is in use, 74 the data directory cannot be used "
                + "or Kafka did not start on it, 130 a second signal stopped it at once."})
final class BrokerCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "PORT", description = "The client port on 127.0.0.1 (default: 9092; 0 picks a free one).")
    int port = 9092;
    @Option(names = "--data", paramLabel = "DIR", description = "The data directory, created and formatted when new "
            + "(default: ~/.local/state/drover/kafka, or $XDG_STATE_HOME/drover/kafka when XDG_STATE_HOME is set).")
    Path data;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (port < 0 || port > 65535) {
            throw new ExitCodes.UsageException("--port must be between 0 and 65535, not " + port);
        }
        Path dir = (data != null ? data : defaultDataDir()).toAbsolutePath().normalize();
        CountDownLatch stop = new CountDownLatch(1);
        SignalHandler handler = signal -> {
            if (stop.getCount() == 0) {
                Runtime.getRuntime().halt(ExitCodes.INTERRUPTED); // a second signal: stop at once
            }
            stop.countDown();
        };
        SignalHandler previousInt = Signal.handle(new Signal("INT"), handler);
        SignalHandler previousTerm = Signal.handle(new Signal("TERM"), handler);
        try {
            EmbeddedKafka kafka;
            try {
                kafka = EmbeddedKafka.start(dir, port);
            } catch (BrokerStartException e) {
                err.println("drover: error: " + e.getMessage());
                return e.reason() == BrokerStartException.Reason.PORT_IN_USE ? ExitCodes.USAGE : ExitCodes.IO_ERROR;
            }
            try (kafka) {
                out.println("drover: Kafka broker on " + kafka.bootstrapServers() + ", data in " + kafka.dataDir());
                out.flush();
                stop.await();
            }
            return ExitCodes.OK;
        } finally {
            Signal.handle(new Signal("INT"), previousInt);
            Signal.handle(new Signal("TERM"), previousTerm);
        }
    }

    /** $XDG_STATE_HOME/drover/kafka, else ~/.local/state/drover/kafka. */
    static Path defaultDataDir() {
        return StateDir.of("kafka");
    }
}
