package io.drover.worker.sut;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a SUT must have before Drover runs anything there, checked with one command at first
 * contact: the tools the runner uses and a readable boot id. The check itself needs only a POSIX
 * shell, so it can report a missing {@code bash}.
 */
public final class SutRequirements {
    /** The commands the runner uses: bash, coreutils, and setsid and flock from util-linux. */
    public static final List<String> TOOLS =
            List.of("bash", "cat", "mkdir", "mv", "rm", "tail", "head", "stat", "sync", "kill", "setsid", "flock", "tar",
                    "find", "xargs");
    /** The boot id file as a shell word: simulated SUTs name their own in {@code DROVER_BOOT_ID_FILE}. */
    static final String BOOT_ID = "\"${DROVER_BOOT_ID_FILE:-/proc/sys/kernel/random/boot_id}\"";
    private static final String DONE = "drover-requirements-checked";

    private final List<String> tools;

    private SutRequirements(List<String> tools) {
        this.tools = List.copyOf(tools);
    }

    /** The requirements of Drover's runner. */
    public static SutRequirements standard() {
        return new SutRequirements(TOOLS);
    }

    /** Other tools, e.g. for a plan that needs more; the boot id is always required. */
    public static SutRequirements of(List<String> tools) {
        return new SutRequirements(tools);
    }

    /** The one command that prints what is missing, one item a line, then a marker line. */
    String command() {
        String names = tools.stream().map(ShellWords::quote).collect(Collectors.joining(" "));
        return "for t in " + names + "; do command -v \"$t\" >/dev/null 2>&1 || echo \"$t\"; done; "
                + "[ -r " + BOOT_ID + " ] || echo " + BOOT_ID + "; echo " + DONE;
    }

    /** Fails with {@code sut-setup} naming exactly what is missing. */
    public void check(SutConnection sut) throws SutException {
        CommandResult result = sut.run(command(), Duration.ofSeconds(30));
        List<String> lines = result.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (!result.succeeded() || lines.isEmpty() || !lines.get(lines.size() - 1).equals(DONE)) {
            throw new SutException(SutFailureClass.SETUP, sut.address().display()
                    + ": cannot check what the SUT has (exit " + result.exitStatus() + "): "
                    + result.stderr().strip());
        }
        List<String> missing = lines.subList(0, lines.size() - 1);
        if (!missing.isEmpty()) {
            throw new SutException(SutFailureClass.SETUP, sut.address().display() + ": the SUT lacks "
                    + String.join(", ", missing) + " (Drover needs " + String.join(", ", tools) + " and a readable "
                    + "/proc/sys/kernel/random/boot_id)");
        }
    }
}
