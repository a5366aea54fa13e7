/**
 * The coordinator: intake, splitting plans into jobs, scheduling on the SUT pool, retry
 * policy, the result store and the HTTP API. Nothing here yet; later issues build it. It
 * depends on {@code schemas} only and never on the worker.
 */
package io.drover.coordinator;
