/**
 * atex's test-control protocol and result semantics, byte for byte:
 * {@link io.drover.control.ControlStreamParser} reads the control channel incrementally
 * ({@code result <N>} + JSON + file bodies, {@code exitcode}, {@code duration},
 * {@code disconnect}, {@code noop}) and reports to a {@link io.drover.control.ControlListener};
 * {@link io.drover.control.ResultReporter} turns the reported results into an atex-compatible
 * artifacts directory ({@code results} JSON Lines, {@code files/}, partial merges, the
 * fallback result). It promises bounded memory (one control line plus one result's JSON;
 * file bodies are streamed) and a one-line error with a byte offset for every protocol
 * violation.
 *
 * <p>It never touches the network, never starts or signals processes and keeps no clock:
 * the worker feeds it bytes and applies exit codes and duration commands itself.
 */
package io.drover.control;
