package io.drover.tmt;

/** Plan names that select no plan of the tree: a usage error, not bad metadata. */
public class NoSuchPlanException extends RuntimeException {
    public NoSuchPlanException(String message) {
        super(message);
    }
}
