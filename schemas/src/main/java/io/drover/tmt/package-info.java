/**
 * tmt's model on top of the fmf engine: tests (L1) and plans (L2) with tmt's defaults
 * and validation, and discovery (which tests each plan runs, in order) as
 * {@code tmt run discover} selects them. The records built here ({@link
 * io.drover.tmt.TmtTest}, {@link io.drover.tmt.TmtPlan}, {@link
 * io.drover.tmt.DiscoveredTest}) travel unchanged to whoever runs the tests: nothing
 * downstream reads YAML again.
 *
 * <p>Not supported yet, and refused with a clear error: remote discovery ({@code url}),
 * imported plans ({@code plan}). Metadata errors are
 * {@link io.drover.tmt.SpecificationException}s naming the test or plan, its file and the key.
 */
package io.drover.tmt;
