/**
 * Reaching a SUT: running commands on a machine under test, locally or over SSH.
 *
 * <p>{@link io.drover.sut.SutAddress} names a SUT ({@code local} or
 * {@code ssh://user@host[:port]}). A {@link io.drover.worker.sut.SutConnection} to it promises:
 * <ul>
 *   <li>{@code run}: a small command's exit status and the first 64 KiB of its stdout and stderr;</li>
 *   <li>{@code start}: a long-running command whose stdout and stderr are written to the caller's
 *       sinks as they arrive, and whose exit status completes a future; all output has reached the
 *       sinks when the future completes. Over SSH this costs a channel, not a thread;</li>
 *   <li>{@code send}: a file's bytes written to a path on the SUT, never leaving a partial file there;</li>
 *   <li>{@code bootId}: the SUT's boot id, which changes on every boot;</li>
 *   <li>{@code reconnect}: a fresh session after a drop, retried with backoff up to a deadline;</li>
 *   <li>{@code close}.</li>
 * </ul>
 * Commands are shell command lines run by the login shell (over SSH) or {@code bash -c} (local),
 * with standard input closed. Many commands may run at once over one connection.
 *
 * <p>Every failure is a {@link io.drover.worker.sut.SutException} with a one-line message naming
 * the SUT ({@code user@host:port}) and a failure class: {@code sut-setup} when the SUT cannot be
 * used as it is (authentication, a refused or changed host key, missing tools: see
 * {@link io.drover.worker.sut.SutRequirements}), {@code sut-lost} when it cannot be reached or the
 * connection dropped. A command's own non-zero exit status is not a failure here.
 *
 * <p>Implementations: {@link io.drover.worker.sut.LocalSutConnection} (this machine, a process per
 * command) and {@link io.drover.worker.sut.SshSutConnection} (Apache MINA SSHD; one session per
 * SUT on the process's single {@link io.drover.worker.sut.SshTransport}; host keys checked against
 * a known_hosts file under {@link io.drover.worker.sut.HostKeyPolicy} {@code strict} or
 * {@code accept-new}; keepalives; keys from an identity file and/or the ssh-agent).
 *
 * <p>This package never interprets what commands print, never signals process groups on the SUT
 * (the runner does), never retries on its own (the caller decides when to {@code reconnect}) and
 * never reads {@code ~/.ssh} behind the caller's back.
 */
package io.drover.worker.sut;
