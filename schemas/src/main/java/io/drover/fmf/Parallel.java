package io.drover.fmf;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Work on independent items on every core, with the result a sequential loop would give: results in the items'
 * order, and when several items fail, the failure of the first of them.
 */
public final class Parallel {
    private Parallel() {
    }

    /** {@code f} of each item, in the items' order; rethrows the first item's failure, after every item is done. */
    @SuppressWarnings("unchecked")
    public static <T, R> List<R> map(List<T> items, Function<? super T, ? extends R> f) {
        Object[] results = new Object[items.size()];
        RuntimeException[] errors = new RuntimeException[items.size()];
        IntStream.range(0, items.size()).parallel().forEach(i -> {
            try {
                results[i] = f.apply(items.get(i));
            } catch (RuntimeException e) {
                errors[i] = e;
            }
        });
        for (RuntimeException error : errors) {
            if (error != null) {
                throw error;
            }
        }
        return (List<R>) Arrays.asList(results);
    }
}
