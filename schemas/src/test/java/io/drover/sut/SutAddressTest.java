package io.drover.sut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SutAddressTest {

    @Test
    void parsesLocalAndSshAddresses() {
        assertThat(SutAddress.parse("local")).isEqualTo(SutAddress.Local.INSTANCE);
        assertThat(SutAddress.parse("ssh://root@10.0.0.5")).isEqualTo(new SutAddress.Ssh("root", "10.0.0.5", 22));
        assertThat(SutAddress.parse("ssh://test-user@sut-1.example.com:2222"))
                .isEqualTo(new SutAddress.Ssh("test-user", "sut-1.example.com", 2222));
        assertThat(SutAddress.parse("ssh://root@[::1]:2200")).isEqualTo(new SutAddress.Ssh("root", "::1", 2200));
    }

    @Test
    void namesItselfAsUserAtHostColonPort() {
        assertThat(SutAddress.parse("ssh://root@10.0.0.5").display()).isEqualTo("root@10.0.0.5:22");
        assertThat(SutAddress.parse("ssh://root@[::1]:2200").toString()).isEqualTo("ssh://root@[::1]:2200");
        assertThat(SutAddress.parse("local").display()).isEqualTo("local");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Local", "root@host", "ssh://host", "ssh://@host", "ssh://root@", "ssh://root@host:0",
            "ssh://root@host:65536", "ssh://root@host:22x", "ssh://root@host/path", "http://root@host",
            "ssh://root@[::1", "ssh://ro ot@host", "ssh://root@host:"})
    void refusesAnythingElseWithOneLineNamingTheAddressAndTheForms(String text) {
        assertThatThrownBy(() -> SutAddress.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("bad SUT address '" + text + "' (")
                .hasMessageEndingWith("): expected 'local' or 'ssh://user@host[:port]'");
    }
}
