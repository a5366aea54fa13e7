package io.drover.worker.sut;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;

/** A client key pair written as OpenSSH writes it: the private key file (mode 600) and its public line. */
record TestKeys(KeyPair pair, Path privateKeyFile) {

    static TestKeys ed25519(Path dir, String name) throws IOException, GeneralSecurityException {
        KeyPair pair = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "drover-test", null, out);
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return new TestKeys(pair, file);
    }

    /** The authorized_keys line. */
    String publicLine() {
        return PublicKeyEntry.toString(pair.getPublic()) + " drover-test";
    }
}
