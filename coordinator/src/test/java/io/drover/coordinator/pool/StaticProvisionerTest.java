package io.drover.coordinator.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.event.RunSut;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StaticProvisionerTest {
    private static final RunSut F41_X86 = new RunSut("a", "ssh://root@a", Map.of("distro", "fedora-41", "arch", "x86_64"));
    private static final RunSut F41_ARM = new RunSut("b", "ssh://root@b", Map.of("distro", "fedora-41", "arch", "aarch64"));
    private static final RunSut C10_X86 = new RunSut("c", "ssh://root@c", Map.of("distro", "centos-stream-10", "arch", "x86_64"));
    private static final RunSut BARE = new RunSut("d", "local", Map.of());
    private static final PoolSpec POOL = PoolSpec.of("pool.yaml", List.of(F41_X86, F41_ARM, C10_X86, BARE));

    private static List<RunSut> acquire(int max, Map<String, String> labels) throws ProvisionException {
        return new StaticProvisioner(POOL).acquire(new PoolRequest("run-1", max, labels));
    }

    @Test
    void withoutLabelsEverySutInThePoolsOrder() throws Exception {
        assertThat(acquire(100, Map.of())).containsExactly(F41_X86, F41_ARM, C10_X86, BARE);
    }

    @Test
    void atMostTheRequestedNumber() throws Exception {
        assertThat(acquire(2, Map.of())).containsExactly(F41_X86, F41_ARM);
    }

    @Test
    void onlySutsWithEveryLabelAndItsValue() throws Exception {
        assertThat(acquire(100, Map.of("distro", "fedora-41"))).containsExactly(F41_X86, F41_ARM);
        assertThat(acquire(100, Map.of("arch", "x86_64"))).containsExactly(F41_X86, C10_X86);
        assertThat(acquire(100, Map.of("distro", "fedora-41", "arch", "x86_64"))).containsExactly(F41_X86);
        assertThat(acquire(1, Map.of("arch", "x86_64"))).containsExactly(F41_X86);
    }

    @Test
    void valuesCompareExactly() {
        assertThat(StaticProvisioner.matches(F41_X86, Map.of("distro", "Fedora-41"))).isFalse();
        assertThat(StaticProvisioner.matches(F41_X86, Map.of("distro", "fedora"))).isFalse();
        assertThat(StaticProvisioner.matches(BARE, Map.of("distro", "fedora-41"))).isFalse();
        assertThat(StaticProvisioner.matches(BARE, Map.of())).isTrue();
    }

    @Test
    void noMatchSaysWhatThePoolHas() {
        assertThatThrownBy(() -> acquire(5, Map.of("distro", "fedora-42", "arch", "x86_64")))
                .isInstanceOf(ProvisionException.class)
                .hasMessage("pool.yaml: no SUT has arch=x86_64 distro=fedora-42; the pool has "
                        + "arch=(none) distro=(none) (1), arch=aarch64 distro=fedora-41 (1), "
                        + "arch=x86_64 distro=centos-stream-10 (1), arch=x86_64 distro=fedora-41 (1)");
    }

    @Test
    void anEmptyPoolHasNothingToGive() {
        PoolSpec empty = new PoolSpec("cloud.yaml", "static", List.of());
        assertThatThrownBy(() -> new StaticProvisioner(empty).acquire(new PoolRequest("r", 1, Map.of())))
                .isInstanceOf(ProvisionException.class).hasMessage("cloud.yaml: the pool has no SUT");
    }

    @Test
    void releaseLeavesThePoolAsItWas() throws Exception {
        try (StaticProvisioner provisioner = new StaticProvisioner(POOL)) {
            List<RunSut> first = provisioner.acquire(new PoolRequest("run-1", 10, Map.of()));
            provisioner.release("run-1", first);
            assertThat(provisioner.acquire(new PoolRequest("run-2", 10, Map.of()))).isEqualTo(first);
        }
    }
}
