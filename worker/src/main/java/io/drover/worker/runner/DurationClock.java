package io.drover.worker.runner;

import io.drover.control.DurationCommand;
import java.util.function.LongSupplier;

/**
 * A test's deadline under atex's {@code duration} words: a new limit from now, {@code +}/{@code -}
 * moving the deadline, and nested {@code save}/{@code restore} pairs of which only the outermost
 * counts (restore gives back the time that was left at save). Times are nanoseconds of a
 * monotonic clock. Not thread-safe.
 */
final class DurationClock {
    private final LongSupplier nanoTime;
    private long end;
    private int saves;
    private long savedRemaining;

    DurationClock(long seconds, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.end = nanoTime.getAsLong() + seconds * 1_000_000_000L;
    }

    DurationClock(long seconds) {
        this(seconds, System::nanoTime);
    }

    /** Applies one {@code duration} word; returns whether the deadline moved. */
    boolean apply(DurationCommand command) {
        long before = end;
        long now = nanoTime.getAsLong();
        long nanos = command.seconds() * 1_000_000_000L;
        switch (command.kind()) {
            case SET -> end = now + nanos;
            case PLUS -> end += nanos;
            case MINUS -> end -= nanos;
            case SAVE -> {
                if (saves++ == 0) {
                    savedRemaining = end - now;
                }
            }
            case RESTORE -> {
                if (saves > 0 && --saves == 0) {
                    end = now + savedRemaining;
                }
            }
        }
        return end != before;
    }

    /** Nanoseconds left, negative once past the deadline. */
    long remainingNanos() {
        return end - nanoTime.getAsLong();
    }

    /** Whole seconds left, rounded up, at least 0. */
    long remainingSeconds() {
        long nanos = remainingNanos();
        return nanos <= 0 ? 0 : (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
