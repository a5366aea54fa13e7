package io.drover.worker.sim;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Set;

import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/** File helpers of the simulation: whole-file replacement and ed25519 key files in OpenSSH's format. */
final class SimFiles {
    static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");
    static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private SimFiles() {
    }

    /** Replaces {@code file} with {@code text} through a rename, so a reader never sees half of it. */
    static void replace(Path file, String text, Set<PosixFilePermission> mode) throws IOException {
        Path part = file.resolveSibling(file.getFileName() + ".part");
        Files.writeString(part, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(part, mode);
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The ed25519 key pair in {@code file}, created (mode 600) when the file does not exist. */
    static KeyPair loadOrCreateKey(Path file, String comment) throws IOException {
        try {
            if (Files.exists(file)) {
                try (var in = Files.newInputStream(file)) {
                    Iterable<KeyPair> keys =
                            SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()), in, null);
                    if (keys != null && keys.iterator().hasNext()) {
                        return keys.iterator().next();
                    }
                }
                throw new IOException("no private key in " + file);
            }
            KeyPair pair = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
            Path part = file.resolveSibling(file.getFileName() + ".part");
            Files.deleteIfExists(part);
            Files.createFile(part, PosixFilePermissions.asFileAttribute(PRIVATE));
            try (OutputStream out = Files.newOutputStream(part)) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, comment, null, out);
            }
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
            return pair;
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IOException("cannot load or create the key " + file + ": " + e.getMessage(), e);
        }
    }
}
