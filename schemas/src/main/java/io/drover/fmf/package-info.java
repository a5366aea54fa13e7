/**
 * The fmf metadata engine: reads a tree exactly as the Python fmf library does (discovery,
 * scattered nodes, directives, inheritance with the merge operators, adjust) so that
 * Drover selects the same tests as fmf and tmt. {@link io.drover.fmf.FmfTree} is the
 * entry point; adjusting returns a copy, a loaded tree is never changed.
 *
 * <p>It never runs anything, touches no network and knows nothing of tmt: tests and plans
 * are built on top of it in {@code io.drover.tmt}. Every error is an
 * {@link io.drover.fmf.FmfException} whose message is one line naming the file, line,
 * node or key.
 */
package io.drover.fmf;
