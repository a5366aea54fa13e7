package io.drover.worker.sut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostKeyPolicyTest {
    @Test
    void parsesHostKeyPolicies() {
        assertThat(HostKeyPolicy.parse("strict")).isEqualTo(HostKeyPolicy.STRICT);
        assertThat(HostKeyPolicy.parse("accept-new")).isEqualTo(HostKeyPolicy.ACCEPT_NEW);
        assertThatThrownBy(() -> HostKeyPolicy.parse("yes"))
                .hasMessage("bad host key policy 'yes': expected 'strict' or 'accept-new'");
    }
}
