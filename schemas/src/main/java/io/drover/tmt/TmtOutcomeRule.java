package io.drover.tmt;

import io.drover.control.OutcomeRule;
import java.util.Map;

/**
 * tmt's reading of a test's outcome: exit code 0 passes, 1 fails, anything else is an error
 * (framework {@code shell}); then the test key {@code result}: {@code respect} keeps the status,
 * {@code xfail} swaps pass and fail, {@code pass}/{@code info}/{@code warn}/{@code error}/{@code fail}
 * force it. {@code custom} and {@code restraint} keep the status here: their results come from
 * elsewhere (a results file, one result per report).
 */
public final class TmtOutcomeRule implements OutcomeRule {
    private static final Map<String, String> XFAIL = Map.of("pass", "fail", "fail", "pass");

    private final String result;

    private TmtOutcomeRule(String result) {
        this.result = result;
    }

    /** The rule for a test whose {@code result} key is {@code result} (null: {@code respect}). */
    public static TmtOutcomeRule of(String result) {
        if (result != null && !TmtTest.RESULTS.contains(result)) {
            throw new IllegalArgumentException("unknown result interpretation '" + result + "'");
        }
        return new TmtOutcomeRule(result == null ? "respect" : result);
    }

    @Override
    public String statusOfExitCode(Integer exitCode) {
        if (exitCode == null) {
            return "error";
        }
        return switch (exitCode) {
            case 0 -> "pass";
            case 1 -> "fail";
            default -> "error";
        };
    }

    @Override
    public String adjust(String status) {
        return switch (result) {
            case "xfail" -> XFAIL.getOrDefault(status, status);
            case "pass", "info", "warn", "error", "fail" -> result;
            default -> status;
        };
    }
}
