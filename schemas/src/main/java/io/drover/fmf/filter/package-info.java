/**
 * fmf filter expressions ({@code fmf ls --filter}, tmt {@code --filter}):
 * {@link io.drover.fmf.filter.Filter} parses an expression once and evaluates it on node
 * data with the same results, quirks and errors as Python fmf's {@code utils.filter}.
 */
package io.drover.fmf.filter;
