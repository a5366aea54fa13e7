package io.drover.worker.sut;

/**
 * The failure classes a SUT connection can report. They are the infrastructure half of the
 * failure classes every final outcome carries; retry policy keys off them and never parses
 * messages.
 */
public enum SutFailureClass {
    /** The SUT cannot be used as it is: authentication, host key, missing tools, bad paths. Retrying the same SUT does not help. */
    SETUP("sut-setup"),
    /** The SUT is unreachable or the connection dropped. Retrying, or reconnecting after a reboot, can help. */
    LOST("sut-lost");

    private final String id;

    SutFailureClass(String id) {
        this.id = id;
    }

    /** The name used in events: {@code sut-setup} or {@code sut-lost}. */
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
