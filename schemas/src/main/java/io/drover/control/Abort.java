package io.drover.control;

/** Why a test's run was aborted, as its fallback result records it. */
public record Abort(String status, String note) {
    /** atex's form: status {@code infra}, note {@code ExceptionClass(message)}. */
    public static Abort of(Throwable cause) {
        return new Abort("infra", cause.getClass().getSimpleName() + "("
                + (cause.getMessage() == null ? "" : cause.getMessage()) + ")");
    }
}
