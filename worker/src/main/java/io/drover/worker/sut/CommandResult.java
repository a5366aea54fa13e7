package io.drover.worker.sut;

/**
 * What a small command left behind: its exit status and the first bytes of what it printed
 * (decoded as UTF-8). {@code truncated} says some output was dropped beyond the capture limit.
 */
public record CommandResult(int exitStatus, String stdout, String stderr, boolean truncated) {

    public boolean succeeded() {
        return exitStatus == 0;
    }
}
