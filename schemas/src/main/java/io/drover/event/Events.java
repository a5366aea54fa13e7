package io.drover.event;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Helpers for building events. */
public final class Events {
    private Events() {
    }

    /** The current time as events carry it: {@code 2026-11-22T05:30:00.123Z}. */
    public static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
