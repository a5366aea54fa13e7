package io.drover.event;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Helpers for building events. */
public final class Events {
    private Events() {
    }

    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** The current time as events carry it, always with milliseconds: {@code 2026-11-22T05:30:00.120Z}. */
    public static String now() {
        return MILLIS.format(Instant.now());
    }
}
