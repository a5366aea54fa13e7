package io.drover.tree;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RemoteSession;
import org.eclipse.jgit.transport.SshSessionFactory;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.util.FS;

/**
 * Git over SSH through the system's {@code ssh} command, so ssh:// and user@host:path URLs use the user's keys,
 * agent, config and known hosts as git would; JGit itself carries no SSH client.
 */
final class OpenSshSessions extends SshSessionFactory {
    static final OpenSshSessions INSTANCE = new OpenSshSessions();

    @Override
    public RemoteSession getSession(URIish uri, CredentialsProvider credentials, FS fs, int timeoutMillis) {
        return new RemoteSession() {
            @Override
            public Process exec(String command, int timeout) throws IOException {
                return new ProcessBuilder(command(uri, command, timeoutMillis)).start();
            }

            @Override
            public void disconnect() {
                // each exec is a process of its own
            }
        };
    }

    static List<String> command(URIish uri, String remoteCommand, int timeoutMillis) throws IOException {
        String host = uri.getHost();
        if (host == null || host.isEmpty() || host.startsWith("-")) {
            throw new IOException("bad SSH host in " + uri);
        }
        List<String> command = new ArrayList<>(List.of("ssh", "-o", "BatchMode=yes"));
        if (timeoutMillis > 0) {
            command.addAll(List.of("-o", "ConnectTimeout=" + Math.max(1, timeoutMillis / 1000)));
        }
        if (uri.getPort() > 0) {
            command.addAll(List.of("-p", Integer.toString(uri.getPort())));
        }
        command.add(uri.getUser() == null ? host : uri.getUser() + "@" + host);
        command.add(remoteCommand);
        return command;
    }

    @Override
    public String getType() {
        return "openssh";
    }
}
