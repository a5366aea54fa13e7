package io.drover.event;

/**
 * A SUT of a run changed state.
 *
 * @param sut     the SUT's id in the pool
 * @param address where it is, e.g. {@code ssh://root@10.0.0.5}
 * @param state   {@code ready}, {@code busy}, {@code broken} (taken out of the pool) or {@code released}
 * @param reason  why, for {@code broken}; null otherwise
 */
public record SutState(String run, long seq, String ts, String sut, String address, String state, String reason)
        implements Event {
    public static final String TYPE = "sut.state";
}
