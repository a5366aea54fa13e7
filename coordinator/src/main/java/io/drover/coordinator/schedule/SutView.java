package io.drover.coordinator.schedule;

/**
 * A SUT of the run as the schedule sees it, for {@code sut.state} events.
 *
 * @param id      its id in the pool
 * @param address where it is
 * @param state   {@code ready} (usable, idle), {@code busy} (running a job), {@code broken} (lost, or out
 *                after too many setup failures) or {@code released}; {@code broken} stays {@code broken}
 *                after its release
 * @param strikes setup failures counted against it
 * @param reason  why it is broken, or why a destructive test retired it; null otherwise
 */
public record SutView(String id, String address, String state, int strikes, String reason) {
}
