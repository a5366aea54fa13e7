package io.drover.result;

import java.util.Arrays;

/** Why a test did not pass: its own doing, or the infrastructure's. */
public enum FailureClass {
    /** The test itself failed or errored. */
    TEST("test", false),
    /** The test ran past its duration and was stopped. */
    TIMEOUT("timeout", false),
    /** The SUT went away (dropped, killed, rebooted unannounced) and did not come back in time. */
    SUT_LOST("sut-lost", true),
    /** The SUT could not be prepared: requirements, packages, the runner, authentication. */
    SUT_SETUP("sut-setup", true),
    /** The test broke the test-control protocol. */
    PROTOCOL("protocol", true),
    /** Someone cancelled the test or its run. */
    CANCELLED("cancelled", false),
    /** The worker running the test went away and the test could not be re-attached. */
    WORKER_LOST("worker-lost", true);

    private final String text;
    private final boolean infrastructure;

    FailureClass(String text, boolean infrastructure) {
        this.text = text;
        this.infrastructure = infrastructure;
    }

    /** The name used in events, results and on the command line, e.g. {@code sut-lost}. */
    public String text() {
        return text;
    }

    /** Whether the infrastructure, not the test, is to blame (worth retrying elsewhere). */
    public boolean infrastructure() {
        return infrastructure;
    }

    public static FailureClass of(String text) {
        return Arrays.stream(values()).filter(c -> c.text.equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown failure class '" + text + "'"));
    }

    @Override
    public String toString() {
        return text;
    }
}
