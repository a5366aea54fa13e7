/**
 * The fmf context and its {@code when} rule language, as Python fmf evaluates them: a
 * {@link io.drover.fmf.context.Context} maps dimensions to values, and
 * {@link io.drover.fmf.context.Context#matches(Object, boolean)} decides a rule with
 * fmf's three-valued logic (True, False, CannotDecide), version-aware comparisons and
 * all of Python fmf's parsing quirks, so that adjust rules select exactly what they
 * select under fmf and tmt.
 */
package io.drover.fmf.context;
