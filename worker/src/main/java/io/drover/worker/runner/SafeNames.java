package io.drover.worker.runner;

/** fmf names as single path components that any shell and file system take as they are. */
public final class SafeNames {
    private static final int MAX = 80;

    private SafeNames() {
    }

    /** {@code /plans/smoke} becomes {@code plans-smoke}; anything but letters, digits, {@code .-_} becomes {@code -}. */
    public static String of(String name) {
        String safe = name.replaceFirst("^/+", "").replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[.-]+", "");
        if (safe.isEmpty()) {
            safe = "root";
        }
        return safe.length() > MAX ? safe.substring(0, MAX) : safe;
    }
}
