package io.drover.worker.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.UUID;

/**
 * The directory of one simulated SUT, its disk: everything here survives reboots.
 *
 * @param dir the SUT's directory (the cwd of its commands)
 */
record SutDisk(Path dir) {

    /** Creates the directory layout (idempotent). */
    static SutDisk prepare(Path dir) throws IOException {
        SutDisk disk = new SutDisk(dir.toAbsolutePath().normalize());
        Files.createDirectories(disk.work());
        Files.createDirectories(disk.bin());
        return disk;
    }

    /** The runner's work root ({@code DROVER_WORK_ROOT}). */
    Path work() {
        return dir.resolve("work");
    }

    /** Put first on the {@code PATH} of every command; holds {@code reboot}. */
    Path bin() {
        return dir.resolve("bin");
    }

    /** The boot id ({@code DROVER_BOOT_ID_FILE}), one UUID line, new on every boot. */
    Path bootIdFile() {
        return dir.resolve("boot_id");
    }

    Path hostKeyFile() {
        return dir.resolve("ssh_host_ed25519_key");
    }

    Path simIdFile() {
        return dir.resolve("sim_id");
    }

    /**
     * The id that marks this SUT's processes ({@code DROVER_SIM_SUT}). It is kept in the directory, so
     * a simulation started again on the same directory can kill what an earlier one left running.
     */
    String simId() throws IOException {
        Path file = simIdFile();
        if (Files.exists(file)) {
            String id = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (id.matches("sim-[0-9a-f-]{36}")) {
                return id;
            }
        }
        String id = "sim-" + UUID.randomUUID();
        SimFiles.replace(file, id + "\n", SimFiles.READABLE);
        return id;
    }

    /** The host key, created on first use so the SUT keeps its identity across reboots and restarts. */
    KeyPair hostKey() throws IOException {
        return SimFiles.loadOrCreateKey(hostKeyFile(), "drover-sim-host");
    }

    /** Writes a fresh boot id and returns it. */
    String newBootId() throws IOException {
        String id = UUID.randomUUID().toString();
        SimFiles.replace(bootIdFile(), id + "\n", SimFiles.READABLE);
        return id;
    }

    /**
     * Writes {@code bin/reboot}: it asks the simulation (listening on {@code 127.0.0.1:port}) to
     * power-cycle SUT {@code simId} in its current boot, then sleeps until the power-cycle kills it,
     * as a real reboot never returns. The boot id in the request makes a late request from an
     * earlier boot harmless.
     */
    void writeRebootScript(int port, String simId) throws IOException {
        String script = """
                #!/bin/bash
                # reboot on a simulated Drover SUT: asks the simulation to power-cycle this SUT and waits
                # to be killed by the power-cycle, as a real reboot never returns. Arguments are ignored.
                read -r boot < @BOOT_ID_FILE@
                if ! printf 'reboot %s %s\\n' '@ID@' "$boot" 2>/dev/null >/dev/tcp/127.0.0.1/@PORT@; then
                    echo "reboot: the simulation of this SUT does not answer on 127.0.0.1:@PORT@" >&2
                    exit 1
                fi
                while :; do sleep 3600; done
                """.replace("@BOOT_ID_FILE@", quote(bootIdFile().toString()))
                .replace("@ID@", simId)
                .replace("@PORT@", Integer.toString(port));
        SimFiles.replace(bin().resolve("reboot"), script, SimFiles.EXECUTABLE);
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
