/**
 * The events of {@code drover.events}, version 1: what happens to runs, tests, SUTs and workers,
 * as records ({@link io.drover.event.Event} and its types) and as single-line JSON
 * ({@link io.drover.event.EventCodec}). This is the contract with downstream consumers.
 */
package io.drover.event;
