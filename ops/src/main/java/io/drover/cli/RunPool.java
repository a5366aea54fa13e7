package io.drover.cli;

import io.drover.coordinator.pool.PoolFile;
import io.drover.coordinator.pool.PoolRequest;
import io.drover.coordinator.pool.PoolSpec;
import io.drover.coordinator.pool.ProvisionException;
import io.drover.coordinator.pool.Provisioner;
import io.drover.coordinator.pool.Provisioners;
import io.drover.event.RunSut;
import io.drover.tree.FileTrees;
import io.drover.worker.sim.SimulatedSut;
import io.drover.worker.sim.SimulatedSutFarm;
import io.drover.worker.sut.SshOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The SUTs of one {@code drover run}: {@code sim:N} simulated SUTs started in this process, or the SUTs a pool
 * file's provisioner hands out for the run. Closing gives them back (or stops the simulated ones).
 */
final class RunPool implements AutoCloseable {
    private final List<RunSut> suts;
    private final SshOptions ssh;
    private final SimulatedSutFarm sims;
    private final Path simRoot;
    private final Provisioner provisioner;
    private final String run;

    private RunPool(List<RunSut> suts, SshOptions ssh, SimulatedSutFarm sims, Path simRoot, Provisioner provisioner,
                    String run) {
        this.suts = suts;
        this.ssh = ssh;
        this.sims = sims;
        this.simRoot = simRoot;
        this.provisioner = provisioner;
        this.run = run;
    }

    /**
     * Opens the pool {@code pool} names for run {@code run}. A bad {@code sim:N} is a usage error, a bad pool file
     * a {@link io.drover.coordinator.pool.PoolFileException}; a provisioner that cannot give SUTs a
     * {@link ProvisionException}.
     *
     * @param ssh how to log in to the file's SUTs (the simulated ones bring their own key)
     */
    static RunPool open(String pool, String run, Map<String, List<String>> context, int wanted, SshOptions ssh)
            throws IOException, ProvisionException {
        OptionalInt simulated;
        try {
            simulated = PoolSpec.simulatedCount(pool);
        } catch (IllegalArgumentException e) {
            throw new ExitCodes.UsageException(e.getMessage());
        }
        if (simulated.isPresent()) {
            Path root = Files.createTempDirectory("drover-sim");
            SimulatedSutFarm sims = SimulatedSutFarm.start(root, simulated.getAsInt());
            List<RunSut> suts = new ArrayList<>();
            for (SimulatedSut sim : sims.suts()) {
                // short ids for the lines people read; the random part keeps two runs' SUTs apart on one farm
                String id = sim.id().length() > 12 ? sim.id().substring(0, 12) : sim.id();
                suts.add(new RunSut(id, sim.address().toString(), Map.of()));
            }
            return new RunPool(suts, sims.sshOptions(), sims, root, null, run);
        }
        Path file = Path.of(pool);
        if (!Files.isRegularFile(file)) {
            throw new ExitCodes.UsageException("--pool " + pool + ": no such file (give a pool file or sim:N)");
        }
        PoolSpec spec = PoolFile.read(file);
        Provisioner provisioner = Provisioners.standard().create(spec);
        try {
            List<RunSut> suts = provisioner.acquire(PoolRequest.fromContext(run, Math.max(1, wanted), context));
            return new RunPool(suts, ssh, null, null, provisioner, run);
        } catch (ProvisionException | RuntimeException e) {
            provisioner.close();
            throw e;
        }
    }

    List<RunSut> suts() {
        return suts;
    }

    /** How workers log in to these SUTs. */
    SshOptions ssh() {
        return ssh;
    }

    /** For workers in other processes: how they log in to simulated SUTs, or null. */
    String simulatedLogin() {
        return sims == null ? null : "--identity " + sims.identityFile() + " --known-hosts " + sims.knownHostsFile();
    }

    @Override
    public void close() {
        if (provisioner != null) {
            provisioner.release(run, suts);
            provisioner.close();
        }
        if (sims != null) {
            sims.close();
            FileTrees.deleteQuietly(simRoot);
        }
    }
}
