package io.drover.cli;

import io.drover.coordinator.farm.FarmException;
import io.drover.coordinator.farm.RunTail;
import io.drover.coordinator.store.StoreException;
import io.drover.coordinator.store.StoreReader;
import io.drover.event.Event;
import io.drover.event.OutputChunk;
import io.drover.event.RunFinished;
import io.drover.job.FarmTopics;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code drover tail}: a run's events and output as they happen. */
@Command(name = "tail", description = {"Follow a run's events and its tests' output as they happen, from its start "
        + "to its end: a line per event (time, what happened) and each output line after its test's name.",
        "On a farm (--kafka), or on the farm a 'drover run' without --kafka is running on this machine.",
        "Exit codes: the run's (as drover run exits), 64 no such run or farm, 74 Kafka or the database unreachable, "
                + "130 interrupted."})
final class TailCommand implements Callable<Integer> {
    @Mixin
    RunChoice which;
    @Option(names = {"-t", "--test"}, paramLabel = "REGEXP", description = "Only the tests whose name this finds.")
    String test;
    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "The farm's Kafka (default: the farm of the "
            + "'drover run' running here).")
    String kafka;
    @Mixin
    KafkaConfigFlag kafkaConfig;
    @Mixin
    NamespaceFlag namespace;
    @Mixin
    DatabaseFlag database;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        which.check();
        Pattern tests;
        try {
            tests = test == null ? null : Pattern.compile(test);
        } catch (PatternSyntaxException e) {
            throw new ExitCodes.UsageException("--test: bad regexp '" + test + "': " + e.getDescription());
        }
        String bootstrap = kafka;
        FarmTopics topics = namespace.topics();
        Map<String, Object> kafkaProperties = bootstrap == null ? Map.of() : kafkaConfig.properties();
        if (bootstrap == null) {
            EmbeddedFarm.Address here = EmbeddedFarm.Address.read().orElseThrow(() -> new ExitCodes.UsageException(
                    "no farm to follow: give --kafka HOST:PORT, or run it while 'drover run' runs here"));
            bootstrap = here.bootstrap();
            topics = here.topics();
        }
        String id = which.run != null ? which.run : newestRun(err);
        TailLines lines = new TailLines(out, tests);
        AtomicBoolean none = new AtomicBoolean();
        try (RunTail tail = new RunTail(bootstrap, kafkaProperties, topics, id);
             Interrupts interrupts = Interrupts.on("stopping", reason -> tail.stop(), err)) {
            RunFinished finished = tail.follow(new RunTail.Listener() {
                @Override
                public void event(Event event, String written, long offset) {
                    lines.event(event, written, offset);
                }

                @Override
                public void output(OutputChunk chunk) {
                    lines.output(chunk);
                }

                @Override
                public void nothing() {
                    // run ids come from the coordinator: a run with no event on Kafka is mistyped or past retention
                    none.set(true);
                    tail.stop();
                }
            });
            lines.finish();
            if (none.get()) {
                throw new ExitCodes.UsageException("no events of run " + id + " on Kafka (" + bootstrap
                        + "): a mistyped id, or a run past the events' retention");
            }
            return finished == null ? ExitCodes.INTERRUPTED : finished.exitCode();
        } catch (FarmException | KafkaException e) {
            err.println("drover: error: " + e.getMessage());
            return ExitCodes.IO_ERROR;
        }
    }

    private String newestRun(PrintWriter err) throws IOException {
        try (DatabaseFlag.Opened opened = database.open(false, err)) {
            return which.resolve(new StoreReader(opened.database()), opened.database().where());
        } catch (StoreException e) {
            throw new ExitCodes.UsageException(e.getMessage() + "; give the run's id");
        }
    }
}
