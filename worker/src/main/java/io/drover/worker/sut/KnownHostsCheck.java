package io.drover.worker.sut;

import io.drover.sut.SutAddress;
import java.io.IOException;
import java.io.Writer;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/**
 * Checks one connection attempt's host key against a known_hosts file, the way OpenSSH does:
 * the key matches an entry for {@code host} (port 22) or {@code [host]:port}; a host with entries
 * but none matching has CHANGED its key and is refused; an unknown host is refused or appended
 * according to the policy. Remembers why it refused, for the error message.
 */
final class KnownHostsCheck implements ServerKeyVerifier {
    private static final ConcurrentHashMap<Path, Object> FILE_LOCKS = new ConcurrentHashMap<>();

    private final SutAddress.Ssh address;
    private final Path file;
    private final HostKeyPolicy policy;
    private volatile String refusal;

    KnownHostsCheck(SutAddress.Ssh address, Path file, HostKeyPolicy policy) {
        this.address = address;
        this.file = file.toAbsolutePath();
        this.policy = policy;
    }

    /** Why the key was refused, or null when it was not. */
    String refusal() {
        return refusal;
    }

    /** The key types on file for this host, so the key exchange can ask for one of them first. */
    Set<String> knownKeyTypes() {
        Set<String> types = new LinkedHashSet<>();
        try {
            for (KnownHostEntry entry : entriesForHost()) {
                types.addAll(KeyUtils.getAllEquivalentKeyTypes(entry.getKeyEntry().getKeyType()));
            }
        } catch (IOException | RuntimeException e) {
            // the verification itself will report the unreadable file
        }
        return types;
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey key) {
        synchronized (FILE_LOCKS.computeIfAbsent(file, f -> new Object())) {
            List<KnownHostEntry> entries;
            try {
                entries = entriesForHost();
            } catch (IOException | RuntimeException e) {
                return refuse("cannot read known hosts file " + file + ": " + e.getMessage());
            }
            boolean known = false;
            for (KnownHostEntry entry : entries) {
                PublicKey onFile;
                try {
                    onFile = entry.getKeyEntry().resolvePublicKey(session, PublicKeyEntryResolver.IGNORING);
                } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
                    continue;
                }
                if (onFile == null) {
                    continue;
                }
                boolean same = KeyUtils.compareKeys(onFile, key);
                if ("revoked".equals(entry.getMarker())) {
                    if (same) {
                        return refuse("host key " + KeyUtils.getFingerPrint(key) + " is marked @revoked in " + file);
                    }
                    continue;
                }
                if (same) {
                    return true;
                }
                known = true;
            }
            if (known) {
                return refuse("host key has CHANGED: " + file + " has another key for "
                        + hostPattern() + ", the host offered " + KeyUtils.getKeyType(key) + " "
                        + KeyUtils.getFingerPrint(key) + "; refusing to connect (if the SUT was reinstalled, "
                        + "remove its line from " + file + ")");
            }
            if (policy == HostKeyPolicy.STRICT) {
                return refuse("unknown host key (" + KeyUtils.getKeyType(key) + " "
                        + KeyUtils.getFingerPrint(key) + "): it is not in " + file
                        + " and the host key policy is strict (add it, e.g. with ssh-keyscan, or use accept-new)");
            }
            try {
                append(key);
                return true;
            } catch (IOException | RuntimeException e) {
                return refuse("cannot add the host key to " + file + ": " + e.getMessage());
            }
        }
    }

    private boolean refuse(String why) {
        refusal = why;
        return false;
    }

    private List<KnownHostEntry> entriesForHost() throws IOException {
        List<KnownHostEntry> matching = new ArrayList<>();
        if (!Files.exists(file)) {
            return matching;
        }
        for (KnownHostEntry entry : KnownHostEntry.readKnownHostEntries(file)) {
            if (entry.getKeyEntry() != null && !"cert-authority".equals(entry.getMarker())
                    && entry.isHostMatch(address.host(), address.port())) {
                matching.add(entry);
            }
        }
        return matching;
    }

    private String hostPattern() {
        return address.port() == 22 ? address.host() : "[" + address.host() + "]:" + address.port();
    }

    private void append(PublicKey key) throws IOException {
        Path parent = file.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent);
        }
        boolean needsNewline = Files.exists(file) && Files.size(file) > 0 && !endsWithNewline();
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            if (needsNewline) {
                out.write('\n');
            }
            out.write(hostPattern() + " " + PublicKeyEntry.toString(key) + "\n");
        }
    }

    private boolean endsWithNewline() throws IOException {
        try (var channel = Files.newByteChannel(file)) {
            channel.position(channel.size() - 1);
            java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
            channel.read(last);
            return last.get(0) == '\n';
        }
    }
}
