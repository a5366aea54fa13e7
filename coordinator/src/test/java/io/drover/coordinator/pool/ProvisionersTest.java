package io.drover.coordinator.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.event.RunSut;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvisionersTest {
    private static final PoolSpec POOL = PoolSpec.of("pool.yaml", List.of(new RunSut("a", "local", Map.of())));

    @Test
    void staticIsTheOnlyStandardOne() {
        assertThat(Provisioners.standard().names()).isEqualTo("static");
        assertThat(Provisioners.standard().create(POOL)).isInstanceOf(StaticProvisioner.class);
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        PoolSpec cloud = new PoolSpec("cloud.yaml", "ec2", List.of());
        assertThatThrownBy(() -> Provisioners.standard().create(cloud)).isInstanceOf(PoolFileException.class)
                .hasMessage("cloud.yaml: unknown provisioner 'ec2' (known: static)");
        Provisioners more = Provisioners.standard().with("libvirt", StaticProvisioner::new);
        assertThatThrownBy(() -> more.create(cloud)).isInstanceOf(PoolFileException.class)
                .hasMessage("cloud.yaml: unknown provisioner 'ec2' (known: libvirt, static)");
    }

    @Test
    void aRegisteredFactoryMakesItsProvisioner() throws Exception {
        List<String> released = new ArrayList<>();
        Provisioners more = Provisioners.standard().with("fake", pool -> new Provisioner() {
            @Override
            public List<RunSut> acquire(PoolRequest request) {
                return List.of(new RunSut(request.run() + "-vm", "ssh://root@vm", request.labels()));
            }

            @Override
            public void release(String run, List<RunSut> suts) {
                released.add(run + ":" + suts.size());
            }
        });
        assertThat(more.knows("fake")).isTrue();
        assertThat(Provisioners.standard().knows("fake")).isFalse();
        try (Provisioner provisioner = more.create(new PoolSpec("p.yaml", "fake", List.of()))) {
            List<RunSut> suts = provisioner.acquire(new PoolRequest("r1", 1, Map.of("distro", "fedora-41")));
            assertThat(suts).containsExactly(new RunSut("r1-vm", "ssh://root@vm", Map.of("distro", "fedora-41")));
            provisioner.release("r1", suts);
        }
        assertThat(released).containsExactly("r1:1");
    }

    @Test
    void namesAreLowerCaseWords() {
        assertThatThrownBy(() -> Provisioners.standard().with("Testing Farm", StaticProvisioner::new))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("provisioner name 'Testing Farm' is not lower-case letters, digits, '-'");
    }
}
