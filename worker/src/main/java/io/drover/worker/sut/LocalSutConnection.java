package io.drover.worker.sut;

import io.drover.sut.SutAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This machine as a SUT: commands run as {@code bash -c COMMAND} child processes of the worker.
 * Each running command has its process plus two threads copying its stdout and stderr to the sinks.
 */
public final class LocalSutConnection implements SutConnection {
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private final Map<String, String> environment;
    private volatile boolean closed;

    /** This machine, commands inheriting the worker's environment. */
    public LocalSutConnection() {
        this(Map.of());
    }

    /** This machine, with {@code environment} added to every command's (e.g. {@code DROVER_WORK_ROOT}). */
    public LocalSutConnection(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public SutAddress address() {
        return SutAddress.Local.INSTANCE;
    }

    @Override
    public RunningCommand start(String command, byte[] input, OutputStream stdout, OutputStream stderr)
            throws SutException {
        if (closed) {
            throw new SutException(SutFailureClass.LOST, "local: connection closed");
        }
        Process process;
        try {
            process = processBuilder(command).start();
        } catch (IOException e) {
            throw new SutException(SutFailureClass.SETUP, "local: cannot start bash: " + e.getMessage(), e);
        }
        running.add(process);
        try (OutputStream in = process.getOutputStream()) {
            in.write(input);
        } catch (IOException e) {
            // the command did not read its input: its exit status says what that did to it
        }
        CompletableFuture<Void> out = pump(process.getInputStream(), stdout, "stdout");
        CompletableFuture<Void> err = pump(process.getErrorStream(), stderr, "stderr");
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        CompletableFuture.allOf(out, err, process.onExit()).whenComplete((ignored, failure) -> {
            running.remove(process);
            if (failure != null) {
                exit.completeExceptionally(new SutException(SutFailureClass.LOST,
                        "local: lost the output of a command: " + failure.getMessage(), failure));
            } else {
                exit.complete(process.exitValue());
            }
        });
        return RunningCommand.of(exit, () -> {
            kill(process);
            exit.completeExceptionally(new SutException(SutFailureClass.LOST, "local: command aborted"));
        });
    }

    private ProcessBuilder processBuilder(String command) {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", command);
        builder.environment().putAll(environment);
        return builder;
    }

    private static CompletableFuture<Void> pump(InputStream from, OutputStream to, String name) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (from) {
                for (int n; (n = from.read(buffer)) >= 0; ) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
                done.complete(null);
            } catch (IOException | RuntimeException e) {
                done.completeExceptionally(e);
            }
        }, "local-sut-" + name);
        thread.setDaemon(true);
        thread.start();
        return done;
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @Override
    public void send(InputStream content, String remotePath) throws SutException {
        BoundedCapture err = new BoundedCapture(CAPTURE_LIMIT);
        Process process;
        try {
            process = processBuilder(ShellWords.writeFileCommand(remotePath))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new SutException(SutFailureClass.SETUP, "local: cannot start bash: " + e.getMessage(), e);
        }
        CompletableFuture<Void> errors = pump(process.getErrorStream(), err, "stderr");
        byte[] buffer = new byte[32 * 1024];
        try (OutputStream in = process.getOutputStream()) {
            for (int n; (n = read(content, buffer, remotePath, process)) >= 0; ) {
                in.write(buffer, 0, n);
            }
        } catch (IOException e) {
            if (e instanceof SutException sut) {
                throw sut;
            }
            // the command ended early; its exit status and stderr say why
        }
        try {
            int status = process.waitFor();
            errors.join();
            if (status != 0) {
                throw new SutException(SutFailureClass.SETUP,
                        "local: cannot write " + remotePath + ": " + err.text().strip());
            }
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new SutException(SutFailureClass.LOST, "local: interrupted while writing " + remotePath);
        }
    }

    private static int read(InputStream content, byte[] buffer, String remotePath, Process process) throws SutException {
        try {
            return content.read(buffer);
        } catch (IOException e) {
            kill(process);
            throw new SutException(SutFailureClass.SETUP,
                    "local: cannot read what to write to " + remotePath + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void reconnect(Duration within) {
        // nothing to reconnect: this machine is always there
    }

    @Override
    public boolean isConnected() {
        return !closed;
    }

    @Override
    public void close() {
        closed = true;
        running.forEach(LocalSutConnection::kill);
    }
}
