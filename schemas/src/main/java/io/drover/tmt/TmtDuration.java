package io.drover.tmt;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * tmt's duration syntax: numbers with an optional unit ({@code s} default, {@code m},
 * {@code h}, {@code d}) are summed, {@code *factor} multipliers are applied last, and the
 * result is rounded up to whole seconds: {@code 5m}, {@code 1h 30m}, {@code 1s1h1m},
 * {@code 1m*2.5}, {@code 1s+10s} (what {@code duration+} concatenation produces).
 */
public final class TmtDuration {
    public static final String DEFAULT = "5m";
    private static final Pattern TOKEN = Pattern.compile(
            "[\\s+]*(?:(\\*)\\s*(\\d+(?:\\.\\d+)?)|(\\d+(?:\\.\\d+)?)\\s*([smhd])?)[\\s+]*");

    private TmtDuration() {
    }

    private static final java.util.Map<String, Long> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

    /** Seconds for a duration text; {@link IllegalArgumentException} naming the text when it is not one. */
    public static long toSeconds(String duration) {
        Long known = duration == null ? null : PARSED.get(duration);
        if (known != null) {
            return known;
        }
        long seconds = parse(duration);
        if (PARSED.size() < 1024) {
            PARSED.put(duration, seconds);
        }
        return seconds;
    }

    private static long parse(String duration) {
        if (duration == null || duration.isBlank()) {
            throw new IllegalArgumentException("empty duration");
        }
        Matcher m = TOKEN.matcher(duration);
        double sum = 0;
        double factor = 1;
        int position = 0;
        boolean any = false;
        while (position < duration.length()) {
            if (!m.find(position) || m.start() != position || m.end() == position) {
                throw new IllegalArgumentException("invalid duration '" + duration
                        + "' (expected e.g. 5m, 1h 30m, 2d, 1m*2)");
            }
            if (m.group(1) != null) {
                factor *= Double.parseDouble(m.group(2));
            } else {
                sum += Double.parseDouble(m.group(3)) * unit(m.group(4));
                any = true;
            }
            position = m.end();
        }
        if (!any) {
            throw new IllegalArgumentException("invalid duration '" + duration + "' (no amount of time in it)");
        }
        return (long) Math.ceil(sum * factor);
    }

    private static long unit(String unit) {
        if (unit == null) {
            return 1;
        }
        return switch (unit) {
            case "m" -> 60;
            case "h" -> 3600;
            case "d" -> 86400;
            default -> 1;
        };
    }
}
