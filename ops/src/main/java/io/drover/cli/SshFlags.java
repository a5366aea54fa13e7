package io.drover.cli;

import io.drover.worker.sut.HostKeyPolicy;
import io.drover.worker.sut.SshOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How to log in to SUTs over SSH: {@code --identity}, {@code --known-hosts}, {@code --host-key-policy}. */
final class SshFlags {
    @Option(names = "--identity", paramLabel = "FILE", description = "SSH private key (the ssh-agent's keys are tried first).")
    Path identity;
    @Option(names = "--known-hosts", paramLabel = "FILE", description = "known_hosts file (default: ~/.ssh/known_hosts).")
    Path knownHosts;
    @Option(names = "--host-key-policy", paramLabel = "POLICY", description = "strict (default) or accept-new: what to do with a host not in known_hosts.")
    String hostKeyPolicy = "strict";

    SshOptions options() {
        SshOptions options = SshOptions.defaults();
        if (identity != null) {
            if (!Files.isReadable(identity)) {
                throw new ExitCodes.UsageException("--identity " + identity + ": no such readable file");
            }
            options = options.withIdentity(identity);
        }
        HostKeyPolicy policy = switch (hostKeyPolicy) {
            case "strict" -> HostKeyPolicy.STRICT;
            case "accept-new" -> HostKeyPolicy.ACCEPT_NEW;
            default -> throw new ExitCodes.UsageException("--host-key-policy must be strict or accept-new, not '"
                    + hostKeyPolicy + "'");
        };
        return options.withKnownHosts(knownHosts != null ? knownHosts : options.knownHosts(), policy);
    }
}
