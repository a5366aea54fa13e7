package io.drover.worker.sim;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

/**
 * The loopback port the {@code reboot} scripts of simulated SUTs call: each sends one line,
 * {@code reboot SIM_ID BOOT_ID}. One listener serves every SUT of the process.
 */
final class RebootRequests implements AutoCloseable {
    private static final int LONGEST_LINE = 200;
    private final ServerSocket socket;
    private final Executor threads;
    private final BiConsumer<String, String> reboot;

    /** Listens on a free port of 127.0.0.1; {@code reboot} gets the sim and boot ids of requests, on {@code threads}. */
    RebootRequests(Executor threads, BiConsumer<String, String> reboot) throws IOException {
        this.socket = new ServerSocket(0, 200, InetAddress.getByName("127.0.0.1"));
        this.threads = threads;
        this.reboot = reboot;
        Thread acceptor = new Thread(this::accept, "drover-sim-reboot-requests");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                threads.execute(() -> serve(client));
            } catch (IOException | RuntimeException e) {
                // closed, or a failed accept: the loop condition decides
            }
        }
    }

    private void serve(Socket client) {
        try (client; InputStream in = client.getInputStream()) {
            client.setSoTimeout(2000);
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c >= 0 && c != '\n' && line.length() < LONGEST_LINE; c = in.read()) {
                line.append((char) c);
            }
            String text = new String(line.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            String[] words = text.strip().split(" ");
            if (words.length == 3 && words[0].equals("reboot")) {
                reboot.accept(words[1], words[2]);
            }
        } catch (IOException e) {
            // a caller that went away or said nothing: nothing to do
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
