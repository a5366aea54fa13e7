package io.drover.embedded;

import java.nio.file.Path;

/** Where Drover keeps what outlives a command on this machine: {@code $XDG_STATE_HOME/drover}, else ~/.local/state/drover. */
public final class StateDir {
    private StateDir() {
    }

    /** The directory {@code name} in Drover's state directory. */
    public static Path of(String name) {
        String state = System.getenv("XDG_STATE_HOME");
        Path base = state != null && !state.isBlank() && Path.of(state).isAbsolute()
                ? Path.of(state) : Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("drover").resolve(name);
    }
}
