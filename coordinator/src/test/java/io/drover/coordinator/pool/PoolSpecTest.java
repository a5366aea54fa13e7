package io.drover.coordinator.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.event.RunSut;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PoolSpecTest {
    @Test
    void simulatedCountReadsSimN() {
        assertThat(PoolSpec.simulatedCount("sim:3")).isEqualTo(OptionalInt.of(3));
        assertThat(PoolSpec.simulatedCount("sim:1000")).isEqualTo(OptionalInt.of(1000));
        assertThat(PoolSpec.simulatedCount("sim")).isEqualTo(OptionalInt.of(1));
        assertThat(PoolSpec.simulatedCount("pool.yaml")).isEmpty();
        assertThat(PoolSpec.simulatedCount("simple.yaml")).isEmpty();
    }

    @Test
    void simulatedCountRefusesABadN() {
        for (String bad : List.of("sim:0", "sim:1001", "sim:", "sim:x", "sim:-1", "sim:99999999999", "sim:3 ")) {
            assertThatThrownBy(() -> PoolSpec.simulatedCount(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'" + bad + "': sim:N needs N between 1 and 1000");
        }
    }

    @Test
    void ofBuildsAStaticPool() {
        List<RunSut> suts = List.of(new RunSut("sim-1", "ssh://me@127.0.0.1:40001", Map.of()));
        assertThat(PoolSpec.of("sim:1", suts)).isEqualTo(new PoolSpec("sim:1", "static", suts));
    }

    @Test
    void idsAreUniqueAndWithoutSlashes() {
        RunSut a = new RunSut("a", "local", Map.of());
        assertThatThrownBy(() -> PoolSpec.of("x", List.of(a, a))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SUT id 'a' is used twice");
        assertThatThrownBy(() -> PoolSpec.of("x", List.of(new RunSut("a/b", "local", Map.of()))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("SUT id 'a/b' is blank or contains '/'");
    }

    @Test
    void aRequestTakesDistroAndArchFromTheContext() {
        PoolRequest request = PoolRequest.fromContext("r", 4, Map.of("distro", List.of("fedora-41"),
                "arch", List.of("x86_64"), "trigger", List.of("commit")));
        assertThat(request).isEqualTo(new PoolRequest("r", 4, Map.of("distro", "fedora-41", "arch", "x86_64")));
        assertThat(PoolRequest.fromContext("r", 4, Map.of("distro", List.of("fedora-41", "fedora-42"))).labels())
                .isEmpty();
        assertThat(PoolRequest.fromContext("r", 4, null).labels()).isEmpty();
        assertThatThrownBy(() -> new PoolRequest("r", 0, Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a run needs at least one SUT, not 0");
    }
}
