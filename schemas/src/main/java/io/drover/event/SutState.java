package io.drover.event;

/**
 * A SUT of a run changed state.
 *
 * @param sut     the SUT's id in the pool
 * @param address where it is, e.g. {@code ssh://root@10.0.0.5}
 * @param state   the state it changed to: {@code broken} (taken out of the pool), {@code released}, or {@code ready}
 *                again; a SUT's first {@code ready} and its {@code busy} are not published
 * @param reason  why it is broken, or released early (after a destructive test); null otherwise
 */
public record SutState(String run, long seq, String ts, String sut, String address, String state, String reason)
        implements Event {
    public static final String TYPE = "sut.state";
}
