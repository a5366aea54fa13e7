package io.drover.fmf.context;

/** The outcome of a {@code when} rule: fmf's True, False or CannotDecide. */
public enum Decision {
    TRUE,
    FALSE,
    CANNOT_DECIDE;

    public static Decision of(boolean value) {
        return value ? TRUE : FALSE;
    }

    public boolean isTrue() {
        return this == TRUE;
    }

    public boolean isFalse() {
        return this == FALSE;
    }

    /** Three-valued {@code and}: False wins over CannotDecide, True needs both sides True. */
    public Decision and(Decision other) {
        if (this == FALSE || other == FALSE) {
            return FALSE;
        }
        return this == TRUE && other == TRUE ? TRUE : CANNOT_DECIDE;
    }

    /** Three-valued {@code or}: True wins over CannotDecide, False needs both sides False. */
    public Decision or(Decision other) {
        if (this == TRUE || other == TRUE) {
            return TRUE;
        }
        return this == FALSE && other == FALSE ? FALSE : CANNOT_DECIDE;
    }
}
