package io.drover.fmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParallelTest {
    private final List<Integer> items = IntStream.range(0, 10_000).boxed().toList();

    @Test
    void resultsKeepTheItemsOrder() {
        assertThat(Parallel.map(items, i -> i * 2)).isEqualTo(items.stream().map(i -> i * 2).toList());
    }

    @Test
    void theFirstItemsFailureIsThrownWhicheverFailsFirstInTime() {
        assertThatThrownBy(() -> Parallel.map(items, i -> {
            if (i % 1000 == 999) {
                throw new IllegalStateException("item " + i);
            }
            return i;
        })).isInstanceOf(IllegalStateException.class).hasMessage("item 999");
    }
}
