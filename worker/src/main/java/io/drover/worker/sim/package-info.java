/**
 * Simulated SUTs: machines under test played by this JVM, for demos, integration tests and
 * benchmarks. Linux only (processes are found through {@code /proc}).
 *
 * <p>A {@link io.drover.worker.sim.SimulatedSut} ({@link io.drover.worker.sim.SimulatedSut#start}
 * for one, {@link io.drover.worker.sim.SimulatedSutFarm#start} for many, sharing one client key
 * and one known_hosts file) is an Apache MINA SSHD
 * server on {@code 127.0.0.1} and a directory, its disk:
 * <ul>
 *   <li>{@code work/} (the runner's work root), {@code bin/} (first on the {@code PATH}, holds
 *       {@code reboot}), {@code boot_id} (a UUID line, new on every boot), {@code sim_id}, and the
 *       host key {@code ssh_host_ed25519_key}; everything here survives reboots and restarts;</li>
 *   <li>it accepts only the current OS user ({@code user.name}) with the simulation's ed25519 key,
 *       on one port for its whole life; {@link io.drover.worker.sim.SimulatedSut#sshOptions()} gives
 *       the identity file and a known_hosts file listing the SUT, for
 *       {@link io.drover.worker.sut.SshTransport#connect}; only exec requests are served (no shell,
 *       no forwarding, no SFTP), at most 10 at once on one connection (OpenSSH's
 *       {@code MaxSessions}: one more is refused, the connection stays up), with no idle timeout;</li>
 *   <li>each exec request runs {@code bash -c COMMAND} as a local process of the current user, in
 *       a new session ({@code setsid}), in the SUT's directory, with the JVM's environment plus
 *       {@code DROVER_WORK_ROOT=DIR/work}, {@code DROVER_BOOT_ID_FILE=DIR/boot_id},
 *       {@code DROVER_SIM_SUT=ID} and {@code PATH=DIR/bin:$PATH}. As under OpenSSH's sshd without
 *       a terminal, the channel closes only when the process has exited and its stdout and stderr
 *       are closed (a background process that keeps them open keeps the command running: redirect
 *       them), and a command whose channel went away is not killed: its next write to stdout or
 *       stderr fails with EPIPE;</li>
 *   <li>{@code reboot()}, or {@code reboot} run on the SUT, power-cycles it: sessions dropped,
 *       every process whose environment has its {@code DROVER_SIM_SUT} killed with SIGKILL
 *       (detached ones too), a new boot id, listening again on the same port with the same host
 *       key (a cut network stays cut), in milliseconds; {@code reboots()} and {@code awaitReboots}
 *       count completed ones;</li>
 *   <li>{@code cutNetwork()} drops every session at once (TCP close) and refuses connections until
 *       {@code restoreNetwork()} (or for a given outage); processes keep running;</li>
 *   <li>{@code kill()} powers it off for good: connections are refused from then on;
 *       {@code close()} also gives back the shared resources, and keeps the directory.</li>
 * </ul>
 *
 * <p>All SUTs of the process share one NIO2 I/O service, one timer thread, one pool of threads for
 * their commands' pipes (two while a command's output is open) and one loopback listener for their
 * {@code reboot} scripts; they exist while a SUT or farm is open. A shutdown hook kills the
 * processes of the SUTs left open when the JVM exits. Ports are picked below the kernel's ephemeral
 * range. A "down" SUT refuses connections at once rather than letting them time out.
 */
package io.drover.worker.sim;
