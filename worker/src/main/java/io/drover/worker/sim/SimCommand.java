package io.drover.worker.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * One exec request on a simulated SUT: {@code bash -c COMMAND} as a local process in a session of
 * its own (as sshd starts it), with the SUT's directory as cwd and its variables added to the
 * environment.
 *
 * <p>It behaves as OpenSSH's sshd does for a session without a terminal: the channel closes (with
 * the exit status) once the process has exited <em>and</em> its stdout and stderr are closed, so a
 * background process that keeps them open keeps the channel open too; and when the channel goes
 * away first (the client closed it, the session dropped) the process is not killed: its next write to
 * stdout or stderr fails with EPIPE.
 */
final class SimCommand implements Command {
    /*
     * The JDK closes a child's stdout and stderr pipes as soon as the child exits, unless a thread
     * happens to be blocked reading them at that moment. So the child is this wrapper: the command's
     * stdout and stderr go through one cat each, and the wrapper exits (with the command's status)
     * only when the command has exited and both cats have seen the end of their pipe.
     */
    private static final String WRAPPER = "{ bash -c \"$1\" 2>&1 1>&3 3>&- | cat >&2 3>&-; exit \"${PIPESTATUS[0]}\"; } "
            + "3>&1 | cat; exit \"${PIPESTATUS[0]}\"";
    private final String command;
    private final Path cwd;
    private final Map<String, String> variables;
    private final Executor threads;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private volatile boolean detached;

    SimCommand(String command, Path cwd, Map<String, String> variables, Executor threads) {
        this.command = command;
        this.cwd = cwd;
        this.variables = variables;
        this.threads = threads;
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("setsid", "bash", "-c", WRAPPER, "drover-sim", command)
                .directory(cwd.toFile());
        builder.environment().putAll(variables);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            String message = "drover simulated SUT: cannot start bash: " + e.getMessage() + "\n";
            err.write(message.getBytes(StandardCharsets.UTF_8));
            err.flush();
            exit.onExit(127);
            return;
        }
        CompletableFuture<Void> stdout = pump(process.getInputStream(), out);
        CompletableFuture<Void> stderr = pump(process.getErrorStream(), err);
        threads.execute(() -> feed(process.getOutputStream()));
        CompletableFuture.allOf(stdout, stderr, process.onExit()).thenRun(() -> {
            if (!detached) {
                exit.onExit(process.exitValue());
            }
        });
    }

    @Override
    public void destroy(ChannelSession channel) {
        detached = true;
    }

    /** Copies the process's output to the channel until the process closes it or the channel is gone. */
    private CompletableFuture<Void> pump(InputStream from, OutputStream to) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        threads.execute(() -> {
            byte[] buffer = new byte[8192];
            try (from) {
                for (int n = from.read(buffer); n >= 0; n = from.read(buffer)) {
                    if (detached) {
                        break; // closing our end makes the process's next write fail, as under sshd
                    }
                    to.write(buffer, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                // the channel closed while we wrote to it: as above
            } finally {
                done.complete(null);
            }
        });
        return done;
    }

    /** Copies the channel's input to the process's stdin, and closes it at the channel's EOF. */
    private void feed(OutputStream stdin) {
        byte[] buffer = new byte[8192];
        boolean reading = true;
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (reading) {
                    try {
                        stdin.write(buffer, 0, n);
                        stdin.flush();
                    } catch (IOException e) {
                        reading = false; // the process stopped reading: drop the rest, so the client is not stalled
                    }
                }
            }
        } catch (IOException e) {
            // the channel is closed
        } finally {
            try {
                stdin.close();
            } catch (IOException e) {
                // the process is gone
            }
        }
    }
}
