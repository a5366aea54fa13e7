package io.drover.coordinator.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.event.RunSut;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoolFileTest {
    @TempDir
    Path dir;

    private static PoolSpec parse(String text) {
        return PoolFile.parse(text, "pool.yaml");
    }

    private static void refused(String text, String message) {
        assertThatThrownBy(() -> parse(text)).isInstanceOf(PoolFileException.class).hasMessage(message);
    }

    @Test
    void readsTheDocumentedExample() {
        PoolSpec pool = parse("""
                # pool.yaml
                defaults:
                  labels: {arch: x86_64}
                suts:
                  - id: f41-a
                    address: ssh://root@10.0.0.5
                    labels: {distro: fedora-41}
                  - address: ssh://root@10.0.0.6:2222
                    labels: {distro: centos-stream-10, arch: aarch64}
                provisioner: static
                """);
        assertThat(pool).isEqualTo(new PoolSpec("pool.yaml", "static", List.of(
                new RunSut("f41-a", "ssh://root@10.0.0.5", Map.of("arch", "x86_64", "distro", "fedora-41")),
                new RunSut("10.0.0.6-2222", "ssh://root@10.0.0.6:2222",
                        Map.of("distro", "centos-stream-10", "arch", "aarch64")))));
    }

    @Test
    void provisionerDefaultsToStaticAndLabelsToNone() {
        PoolSpec pool = parse("suts:\n  - address: local\n");
        assertThat(pool.provisioner()).isEqualTo("static");
        assertThat(pool.suts()).containsExactly(new RunSut("local", "local", Map.of()));
    }

    @Test
    void derivedIdsAreMadeUniqueAroundTheGivenOnes() {
        PoolSpec pool = parse("""
                suts:
                  - address: local
                  - address: local
                  - {id: local-2, address: ssh://me@box}
                  - address: ssh://me@box
                  - address: ssh://you@box:22
                  - address: ssh://root@[::1]:2222
                """);
        assertThat(pool.suts()).extracting(RunSut::id)
                .containsExactly("local", "local-3", "local-2", "box", "box-2", "::1-2222");
    }

    @Test
    void scalarLabelsKeepTheirTextAsWritten() {
        PoolSpec pool = parse("""
                suts:
                  - address: local
                    labels: {version: 9.10, gpu: true, legacy: yes, mask: 0x1F, quoted: "007", 12: twelve}
                """);
        assertThat(pool.suts().get(0).labels()).containsExactlyInAnyOrderEntriesOf(Map.of("version", "9.10",
                "gpu", "true", "legacy", "yes", "mask", "0x1F", "quoted", "007", "12", "twelve"));
    }

    @Test
    void aSutsLabelsWinOverTheDefaults() {
        PoolSpec pool = parse("""
                defaults: {labels: {arch: x86_64, owner: qa}}
                suts:
                  - {address: local, labels: {arch: s390x}}
                """);
        assertThat(pool.suts().get(0).labels()).isEqualTo(Map.of("arch", "s390x", "owner", "qa"));
    }

    @Test
    void anEmptyFileIsRefused() {
        refused("", "pool.yaml:1: empty pool file: expected a mapping with 'suts'");
        refused("# only a comment\n", "pool.yaml:1: empty pool file: expected a mapping with 'suts'");
    }

    @Test
    void theTopMustBeAMapping() {
        refused("- address: local\n", "pool.yaml:1: expected a mapping, found a list");
        refused("local\n", "pool.yaml:1: expected a mapping, found a string");
    }

    @Test
    void unknownKeysAreRefusedWhereverTheyAre() {
        refused("suts:\n  - address: local\nsut: []\n",
                "pool.yaml:3: sut: unknown key (expected defaults, suts, provisioner)");
        refused("defaults:\n  arch: x86_64\nsuts: [{address: local}]\n",
                "pool.yaml:2: defaults.arch: unknown key (expected labels)");
        refused("suts:\n  - address: local\n    adress: local\n",
                "pool.yaml:3: suts.adress: unknown key (expected id, address, labels)");
        refused("<<: {suts: []}\n", "pool.yaml:1: <<: unknown key (expected defaults, suts, provisioner)");
    }

    @Test
    void duplicateKeysAreRefused() {
        refused("suts: [{address: local}]\nsuts: [{address: local}]\n",
                "pool.yaml:2: suts: duplicate key (first at line 1)");
        refused("suts:\n  - address: local\n    labels: {a: b, a: c}\n",
                "pool.yaml:3: suts.labels.a: duplicate key (first at line 3)");
    }

    @Test
    void keysMustBeStrings() {
        refused("? [a, b]\n: c\n", "pool.yaml:1: a key must be a string, found a list");
    }

    @Test
    void sutsMustBeANonEmptyListOfMappings() {
        refused("provisioner: static\n", "pool.yaml:1: suts: no SUT: a static pool needs at least one");
        refused("provisioner: static\nsuts: []\n", "pool.yaml:2: suts: no SUT: a static pool needs at least one");
        refused("suts:\n", "pool.yaml:1: suts: expected a list, found nothing");
        refused("suts: {address: local}\n", "pool.yaml:1: suts: expected a list, found a mapping");
        refused("suts:\n  - local\n", "pool.yaml:2: suts: expected a mapping, found a string");
    }

    @Test
    void everySutNeedsAGoodAddress() {
        refused("suts:\n  - id: a\n    labels: {}\n", "pool.yaml:2: suts.address: missing (every SUT needs one)");
        refused("suts:\n  - address:\n", "pool.yaml:2: suts.address: expected a string, found nothing");
        refused("suts:\n  - address: [local]\n", "pool.yaml:2: suts.address: expected a string, found a list");
        refused("suts:\n  - address: ssh://10.0.0.5\n",
                "pool.yaml:2: suts.address: bad SUT address 'ssh://10.0.0.5' (no user): expected 'local' or "
                        + "'ssh://user@host[:port]'");
        refused("suts:\n  - address: local\n  - address: ssh://root@host:99999\n",
                "pool.yaml:3: suts.address: bad SUT address 'ssh://root@host:99999' (bad port '99999'): expected "
                        + "'local' or 'ssh://user@host[:port]'");
    }

    @Test
    void idsAreUniqueNonEmptyAndWithoutSlashes() {
        refused("suts:\n  - {id: a, address: local}\n  - {id: b, address: local}\n  - {id: a, address: local}\n",
                "pool.yaml:4: suts.id: 'a' is used twice (first at line 2)");
        refused("suts:\n  - {id: a/b, address: local}\n", "pool.yaml:2: suts.id: 'a/b' contains '/'");
        refused("suts:\n  - {id: '', address: local}\n", "pool.yaml:2: suts.id: empty");
        refused("suts:\n  - {id: ~, address: local}\n", "pool.yaml:2: suts.id: expected a string, found nothing");
    }

    @Test
    void labelsAreAMappingOfStrings() {
        refused("suts:\n  - address: local\n    labels: [a]\n",
                "pool.yaml:3: suts.labels: expected a mapping, found a list");
        refused("suts:\n  - address: local\n    labels:\n      arch:\n",
                "pool.yaml:4: suts.labels.arch: expected a string, found nothing");
        refused("suts:\n  - address: local\n    labels:\n      arch: {a: b}\n",
                "pool.yaml:4: suts.labels.arch: expected a string, found a mapping");
        refused("defaults:\n  labels: x86_64\nsuts: [{address: local}]\n",
                "pool.yaml:2: defaults.labels: expected a mapping, found a string");
        refused("defaults: [labels]\nsuts: [{address: local}]\n",
                "pool.yaml:1: defaults: expected a mapping, found a list");
    }

    @Test
    void theProvisionerMustBeKnown() {
        refused("provisioner: libvirt\nsuts: [{address: local}]\n",
                "pool.yaml:1: provisioner: unknown provisioner 'libvirt' (known: static)");
        refused("provisioner: 3\nsuts: [{address: local}]\n",
                "pool.yaml:1: provisioner: unknown provisioner '3' (known: static)");
        refused("provisioner:\nsuts: [{address: local}]\n",
                "pool.yaml:1: provisioner: expected a string, found nothing");
    }

    @Test
    void aRegisteredProvisionerMayHaveNoSuts() {
        Provisioners more = Provisioners.standard().with("libvirt", pool -> new StaticProvisioner(pool));
        PoolSpec pool = PoolFile.parse("provisioner: libvirt\n", "pool.yaml", more);
        assertThat(pool).isEqualTo(new PoolSpec("pool.yaml", "libvirt", List.of()));
    }

    @Test
    void badYamlNamesItsLine() {
        refused("suts:\n  - address: local\n    labels: {a: b\n",
                "pool.yaml:4: invalid YAML: while parsing a flow mapping, expected ',' or '}', but got <stream end>");
        assertThatThrownBy(() -> parse("suts:\n\t- address: local\n")).isInstanceOf(PoolFileException.class)
                .hasMessageStartingWith("pool.yaml:2: invalid YAML: while scanning for the next token, found character")
                .hasMessageContaining("(TAB)");
        refused("suts: [{address: local}]\n---\nsuts: []\n",
                "pool.yaml:2: invalid YAML: expected a single document in the stream, but found another document");
    }

    @Test
    void readsAFileAndNamesItInErrors() throws Exception {
        Path file = dir.resolve("pool.yaml");
        Files.writeString(file, "suts:\n  - address: ssh://root@h\n");
        assertThat(PoolFile.read(file)).isEqualTo(new PoolSpec(file.toString(), "static",
                List.of(new RunSut("h", "ssh://root@h", Map.of()))));

        Files.write(file, "suts:\n  - address: local\n    labels: {a: \"\u00e9\"}\n  - address: x\u00ff\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> PoolFile.read(file)).isInstanceOf(PoolFileException.class)
                .hasMessage(file + ":3: not valid UTF-8");
    }

    @Test
    void aMissingFileIsAnIoError() {
        Path file = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> PoolFile.read(file)).isInstanceOf(UncheckedIOException.class)
                .hasMessage(file + ": cannot read: no such file");
        assertThatThrownBy(() -> PoolFile.read(dir)).isInstanceOf(UncheckedIOException.class)
                .hasMessage(dir + ": cannot read: Is a directory");
    }
}
