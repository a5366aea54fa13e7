package io.drover.bench;

import io.drover.worker.sim.SimulatedSut;
import io.drover.worker.sim.SimulatedSutFarm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A farm of simulated SUTs in a JVM of its own, for {@link ExecBenchmark} (see bench/exec.sh), so
 * that the SUTs' SSH servers and process relays are not counted in the JVM being measured.
 *
 * <pre>
 * java -cp ops/target/drover.jar io.drover.bench.SimFarmMain N DIR
 * </pre>
 *
 * Starts {@code N} simulated SUTs under {@code DIR} ({@code DIR/sut-NNN/}, the client key
 * {@code DIR/id_ed25519} and {@code DIR/known_hosts}), then writes {@code DIR/ready} (atomically),
 * one {@code ssh://USER@127.0.0.1:PORT} a line, and runs until it is killed. SIGTERM or SIGINT
 * powers the SUTs off and kills every process they started, detached ones included.
 */
public final class SimFarmMain {
    /** The file listing the SUTs, written once they all listen. */
    public static final String READY = "ready";

    private SimFarmMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 2 || !args[0].matches("[0-9]{1,4}")) {
            System.err.println("usage: SimFarmMain N DIR");
            System.exit(64);
        }
        int count = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]).toAbsolutePath();
        Files.deleteIfExists(dir.resolve(READY));
        long started = System.nanoTime();
        SimulatedSutFarm farm = SimulatedSutFarm.start(dir, count);
        Runtime.getRuntime().addShutdownHook(new Thread(farm::close, "sim-farm-stop"));

        List<String> lines = new ArrayList<>();
        for (SimulatedSut sut : farm.suts()) {
            lines.add("ssh://" + sut.address().user() + "@" + sut.address().host() + ":" + sut.address().port());
        }
        Path temporary = dir.resolve(READY + ".tmp");
        Files.write(temporary, lines);
        Files.move(temporary, dir.resolve(READY), StandardCopyOption.ATOMIC_MOVE);
        System.out.printf(Locale.ROOT, "farm of %d simulated SUTs up in %d ms under %s (pid %d)%n", count,
                (System.nanoTime() - started) / 1_000_000, dir, ProcessHandle.current().pid());
        System.out.flush();
        Thread.currentThread().join(); // until killed; the shutdown hooks power the SUTs off
    }
}
