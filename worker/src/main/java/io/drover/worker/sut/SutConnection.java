package io.drover.worker.sut;

import io.drover.sut.SutAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A way to run commands on one SUT. See the package documentation for the contract. Every method
 * may be called from any thread, and commands may run concurrently over one connection.
 */
public interface SutConnection extends AutoCloseable {

    /** What a boot id looks like. */
    java.util.regex.Pattern BOOT_ID = java.util.regex.Pattern.compile("[0-9a-f-]{36}");

    /** How much of each stream {@link #run} keeps. */
    int CAPTURE_LIMIT = 64 * 1024;

    /** Where this SUT is. */
    SutAddress address();

    /**
     * Starts {@code command} (a shell command line) with its standard input closed. Its stdout and
     * stderr are written to the sinks as they arrive, from a thread of the connection, so the sinks
     * must not block for long; they are flushed but never closed.
     */
    default RunningCommand start(String command, OutputStream stdout, OutputStream stderr) throws SutException {
        return start(command, new byte[0], stdout, stderr);
    }

    /**
     * The same, with {@code input} on the command's standard input, which is closed after it. Meant for a few
     * kilobytes (a script the command writes to a file, say), which is written before this returns.
     */
    RunningCommand start(String command, byte[] input, OutputStream stdout, OutputStream stderr) throws SutException;

    /**
     * Writes {@code content} to {@code remotePath} on the SUT (through a temporary file renamed into
     * place, so the path never holds a partial file). The parent directory must exist.
     */
    void send(InputStream content, String remotePath) throws SutException;

    /**
     * After the connection dropped (a reboot, a network blip): drops what is left of it (commands
     * still running on it complete exceptionally) and connects again, retrying with exponential
     * backoff until {@code within} has passed. Fails with {@code sut-lost} when the deadline passes,
     * at once with {@code sut-setup} on a host key or authentication problem. Does nothing on
     * {@code local}.
     */
    void reconnect(Duration within) throws SutException;

    /** Whether commands can be started now. */
    boolean isConnected();

    /** Ends the connection; commands still running complete exceptionally. Idempotent. */
    @Override
    void close();

    /**
     * Runs a small command and waits for it, keeping the first {@link #CAPTURE_LIMIT} bytes of each
     * stream. When it does not finish within {@code timeout} it is aborted and the SUT is reported
     * {@code sut-lost}: the commands run this way are ones a healthy SUT answers at once.
     */
    default CommandResult run(String command, Duration timeout) throws SutException {
        BoundedCapture out = new BoundedCapture(CAPTURE_LIMIT);
        BoundedCapture err = new BoundedCapture(CAPTURE_LIMIT);
        RunningCommand running = start(command, out, err);
        try {
            int status = running.exit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new CommandResult(status, out.text(), err.text(), out.truncated() || err.truncated());
        } catch (TimeoutException e) {
            running.abort();
            throw new SutException(SutFailureClass.LOST,
                    address().display() + ": command did not finish within " + timeout.toMillis() + " ms: "
                            + firstLine(command));
        } catch (InterruptedException e) {
            running.abort();
            Thread.currentThread().interrupt();
            throw new SutException(SutFailureClass.LOST, address().display() + ": interrupted while running a command");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SutException sut) {
                throw sut;
            }
            throw new SutException(SutFailureClass.LOST, address().display() + ": " + e.getCause(), e.getCause());
        }
    }

    /** {@link #send(InputStream, String)} with the bytes of a local file. */
    default void send(Path localFile, String remotePath) throws SutException {
        try (InputStream in = Files.newInputStream(localFile)) {
            send(in, remotePath);
        } catch (IOException e) {
            if (e instanceof SutException sut) {
                throw sut;
            }
            throw new SutException(SutFailureClass.SETUP,
                    address().display() + ": cannot read " + localFile + " to send it: " + e.getMessage(), e);
        }
    }

    /**
     * The SUT's boot id ({@code /proc/sys/kernel/random/boot_id}, or the file {@code DROVER_BOOT_ID_FILE}
     * names in the SUT's environment, as simulated SUTs set it); it changes on every boot, so
     * comparing it before and after tells whether the SUT rebooted.
     */
    default String bootId() throws SutException {
        CommandResult result = run("cat " + SutRequirements.BOOT_ID, Duration.ofSeconds(30));
        String id = result.stdout().strip();
        if (!result.succeeded() || !BOOT_ID.matcher(id).matches()) {
            throw new SutException(SutFailureClass.SETUP, address().display()
                    + ": cannot read the boot id (exit " + result.exitStatus() + ": "
                    + firstLine(result.stderr()) + ")");
        }
        return id;
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
