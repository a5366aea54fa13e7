package io.drover.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

/** One in-process run of the command line, with what it printed. */
public record CliRun(int exitCode, String out, String err) {
    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Runs the command line in {@link #environment()}; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return Drover.run(args, out, err, environment());
    }

    /**
     * This process's environment without what would configure Drover: no {@code DROVER_*} variables but the parse
     * cache's, and no configuration file. So a developer's own configuration never changes what a test sees.
     */
    public static Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.keySet().removeIf(name -> name.startsWith("DROVER_") && !name.equals("DROVER_FMF_CACHE"));
        environment.put("XDG_CONFIG_HOME", "/nonexistent/drover-tests");
        return environment;
    }
}
