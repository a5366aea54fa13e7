package io.drover.worker.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and kills the processes of simulated SUTs. Every command a SUT runs gets
 * {@code DROVER_SIM_SUT=<id>} in its environment and passes it on to whatever it starts, so the
 * processes are found in {@code /proc/<pid>/environ}: a test's processes started with
 * {@code setsid} or {@code nohup} are no descendants of this JVM once their parent has exited.
 * A process that clears its environment escapes (as it would escape nothing on a real machine).
 */
final class SimProcesses {
    static final String VARIABLE = "DROVER_SIM_SUT";
    private static final Logger LOG = LoggerFactory.getLogger(SimProcesses.class);
    private static final Path PROC = Path.of("/proc");
    private static final byte[] PREFIX = (VARIABLE + "=").getBytes(StandardCharsets.US_ASCII);
    private static final int ROUNDS = 200;

    private SimProcesses() {
    }

    /**
     * Kills with SIGKILL every process of these SUTs, scanning again until none is left (a process
     * may fork between a scan and the kill). Returns how many processes were killed.
     */
    static int killAll(Collection<String> simIds) {
        if (simIds.isEmpty()) {
            return 0;
        }
        Set<String> ids = Set.copyOf(simIds);
        Set<Long> killed = new HashSet<>();
        for (int round = 0; round < ROUNDS; round++) {
            List<ProcessHandle> found = find(ids);
            if (found.isEmpty()) {
                return killed.size();
            }
            for (ProcessHandle process : found) {
                process.destroyForcibly();
                killed.add(process.pid());
            }
            pause();
        }
        LOG.warn("processes of simulated SUTs {} are still alive after {} rounds of SIGKILL", ids, ROUNDS);
        return killed.size();
    }

    /** The live processes (not zombies) whose environment has {@code DROVER_SIM_SUT} set to one of {@code ids}. */
    static List<ProcessHandle> find(Set<String> ids) {
        Set<Long> spared = spared();
        List<ProcessHandle> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!isPid(name)) {
                    continue;
                }
                long pid = Long.parseLong(name);
                if (spared.contains(pid)) {
                    continue;
                }
                byte[] environment;
                try {
                    environment = Files.readAllBytes(entry.resolve("environ"));
                } catch (IOException e) {
                    continue; // gone, or not ours to read
                }
                if (simIdOf(environment).filter(ids::contains).isPresent()) {
                    ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(found::add);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc to find simulated SUTs' processes: " + e.getMessage(), e);
        }
        return found;
    }

    /** The value of {@code DROVER_SIM_SUT} in a NUL-separated environment block. */
    static Optional<String> simIdOf(byte[] environment) {
        int start = 0;
        while (start < environment.length) {
            int end = start;
            while (end < environment.length && environment[end] != 0) {
                end++;
            }
            if (startsWith(environment, start, end)) {
                return Optional.of(new String(environment, start + PREFIX.length, end - start - PREFIX.length,
                        StandardCharsets.UTF_8));
            }
            start = end + 1;
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] environment, int start, int end) {
        if (end - start < PREFIX.length) {
            return false;
        }
        for (int i = 0; i < PREFIX.length; i++) {
            if (environment[start + i] != PREFIX[i]) {
                return false;
            }
        }
        return true;
    }

    /** This JVM and its ancestors: never killed, even when the JVM itself runs inside a simulated SUT. */
    private static Set<Long> spared() {
        Set<Long> spared = new HashSet<>();
        Optional<ProcessHandle> process = Optional.of(ProcessHandle.current());
        while (process.isPresent()) {
            spared.add(process.get().pid());
            process = process.get().parent();
        }
        return spared;
    }

    private static boolean isPid(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static void pause() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
