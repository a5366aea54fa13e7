package io.drover.coordinator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownIssueRulesFileTest {
    @TempDir
    Path dir;

    private static void refused(String text, String message) {
        assertThatThrownBy(() -> KnownIssueRules.parse(text, "rules.yaml"))
                .isInstanceOf(KnownIssueRulesException.class).hasMessage(message);
    }

    @Test
    void theTopIsAListOfMappings() {
        refused("test: /a\nissue: I\n", "rules.yaml:1: expected a list, found a mapping");
        refused("- /a\n", "rules.yaml:1: expected a mapping, found a string");
    }

    @Test
    void testAndIssueAreRequired() {
        refused("- test: /a\n  issue: I\n- issue: I\n  note: x\n", "rules.yaml:3: test: missing (every rule needs one)");
        refused("- test: /a\n  note: x\n", "rules.yaml:1: issue: missing (every rule needs one)");
        refused("- {test: /a, issue: ' '}\n", "rules.yaml:1: issue: empty");
        refused("- {test: /a, issue: }\n", "rules.yaml:1: issue: expected a string, found nothing");
    }

    @Test
    void unknownAndDuplicateKeysAreRefused() {
        refused("- test: /a\n  issue: I\n  status: fail\n",
                "rules.yaml:3: status: unknown key (expected test, output, note, context, issue, expires)");
        refused("- test: /a\n  issue: I\n  test: /b\n", "rules.yaml:3: test: duplicate key (first at line 1)");
        refused("- test: /a\n  issue: I\n  context:\n    distro: a\n    distro: b\n",
                "rules.yaml:5: context.distro: duplicate key (first at line 4)");
    }

    @Test
    void badRegexpsNameTheirKey() {
        refused("- {test: '/a(', issue: I}\n", "rules.yaml:1: test: bad regexp '/a(': Unclosed group near index 3");
        refused("- test: /a\n  issue: I\n  output: '*oops'\n",
                "rules.yaml:3: output: bad regexp '*oops': Dangling meta character '*' near index 0");
        refused("- test: /a\n  issue: I\n  note: '[x'\n",
                "rules.yaml:3: note: bad regexp '[x': Unclosed character class near index 1");
        refused("- test: [/a]\n  issue: I\n", "rules.yaml:1: test: expected a string, found a list");
    }

    @Test
    void expiresIsADate() {
        refused("- test: /a\n  issue: I\n  expires: 2027-02-30\n",
                "rules.yaml:3: expires: '2027-02-30' is not a date (YYYY-MM-DD)");
        refused("- test: /a\n  issue: I\n  expires: next week\n",
                "rules.yaml:3: expires: 'next week' is not a date (YYYY-MM-DD)");
        refused("- test: /a\n  issue: I\n  expires: 20270131\n",
                "rules.yaml:3: expires: '20270131' is not a date (YYYY-MM-DD)");
        refused("- test: /a\n  issue: I\n  expires: 2027-1-31\n",
                "rules.yaml:3: expires: '2027-1-31' is not a date (YYYY-MM-DD)");
        assertThat(KnownIssueRules.parse("- {test: /a, issue: I, expires: '2027-01-31'}\n", "r").rules().get(0)
                .expires()).hasToString("2027-01-31");
    }

    @Test
    void contextValuesAreStringsOrListsOfThem() {
        refused("- test: /a\n  issue: I\n  context: distro=fedora-41\n",
                "rules.yaml:3: context: expected a mapping, found a string");
        refused("- test: /a\n  issue: I\n  context:\n    distro: {name: fedora}\n",
                "rules.yaml:4: context.distro: expected a value or a list of values, found a mapping");
        refused("- test: /a\n  issue: I\n  context:\n    distro: []\n",
                "rules.yaml:4: context.distro: empty list: give at least one value");
        refused("- test: /a\n  issue: I\n  context:\n    distro:\n",
                "rules.yaml:4: context.distro: expected a string, found nothing");
        refused("- test: /a\n  issue: I\n  context:\n    distro: [fedora-41, [x]]\n",
                "rules.yaml:4: context.distro: expected a string, found a list");
        assertThat(KnownIssueRules.parse("- {test: /a, issue: I, context: {release: 9.10}}\n", "r").rules().get(0)
                .context()).containsEntry("release", java.util.List.of("9.10"));
    }

    @Test
    void badYamlNamesItsLine() {
        refused("- test: /a\n  issue: \"I\n", "rules.yaml:3: invalid YAML: while scanning a quoted scalar, found "
                + "unexpected end of stream");
    }

    @Test
    void readsAFile() throws Exception {
        Path file = dir.resolve("known-issues.yaml");
        Files.writeString(file, "- test: /a\n  issue: I\n");
        assertThat(KnownIssueRules.read(file).rules()).extracting(KnownIssueRule::source)
                .containsExactly(file + ":1");
        Files.writeString(file, "- test: /a\n  issue: I\n  when: now\n");
        assertThatThrownBy(() -> KnownIssueRules.read(file)).isInstanceOf(KnownIssueRulesException.class)
                .hasMessage(file + ":3: when: unknown key (expected test, output, note, context, issue, expires)");
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> KnownIssueRules.read(missing)).isInstanceOf(UncheckedIOException.class)
                .hasMessage(missing + ": cannot read: no such file");
    }
}
