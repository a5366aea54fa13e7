/**
 * The worker: runs jobs on SUTs over SSH and turns what the tests say into events.
 * Nothing here yet; the next issue builds it. It depends on {@code schemas} only and
 * never on the coordinator.
 */
package io.drover.worker;
