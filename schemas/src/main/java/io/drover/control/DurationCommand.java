package io.drover.control;

import java.time.Duration;

/**
 * One {@code duration} control word: {@code <spec>} sets a new limit from now, {@code +<spec>}
 * and {@code -<spec>} move the deadline, {@code save}/{@code restore} park the remaining
 * time. {@code <spec>} is an fmf duration, {@code [0-9]+[smhd]?} and nothing else.
 */
public record DurationCommand(Kind kind, long seconds) {
    public enum Kind { SET, PLUS, MINUS, SAVE, RESTORE }

    public DurationCommand {
        if (seconds < 0 || (kind == Kind.SAVE || kind == Kind.RESTORE) && seconds != 0) {
            throw new IllegalArgumentException("bad seconds for " + kind + ": " + seconds);
        }
    }

    public Duration duration() {
        return Duration.ofSeconds(seconds);
    }

    /** Parses the argument of a {@code duration} line; the message says what is wrong. */
    public static DurationCommand parse(String args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("duration: empty argument");
        }
        if (args.equals("save")) {
            return new DurationCommand(Kind.SAVE, 0);
        }
        if (args.equals("restore")) {
            return new DurationCommand(Kind.RESTORE, 0);
        }
        Kind kind = switch (args.charAt(0)) {
            case '+' -> Kind.PLUS;
            case '-' -> Kind.MINUS;
            default -> Kind.SET;
        };
        String spec = kind == Kind.SET ? args : args.substring(1);
        return new DurationCommand(kind, specSeconds(spec, args));
    }

    private static long specSeconds(String spec, String args) {
        int digits = 0;
        while (digits < spec.length() && spec.charAt(digits) >= '0' && spec.charAt(digits) <= '9') {
            digits++;
        }
        long unit = digits == spec.length() - 1 ? switch (spec.charAt(digits)) {
            case 's' -> 1;
            case 'm' -> 60;
            case 'h' -> 3600;
            case 'd' -> 86400;
            default -> -1;
        } : digits == spec.length() ? 1 : -1;
        if (digits == 0 || unit < 0) {
            throw new IllegalArgumentException("duration: not an fmf duration [0-9]+[smhd]?: '" + args + "'");
        }
        try {
            return Math.multiplyExact(Long.parseLong(spec.substring(0, digits)), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("duration: too large: '" + args + "'");
        }
    }
}
