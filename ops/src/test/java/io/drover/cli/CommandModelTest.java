package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only the command named is built, unless every command is needed; the command line behaves the same either way. */
class CommandModelTest {
    @TempDir
    Path home;

    private Set<String> built(Map<String, String> environment, String... args) {
        return Drover.commandLine(environment, args).getSubcommands().keySet();
    }

    private Map<String, String> noConfiguration() {
        return Map.of("HOME", home.toString(), "DROVER_FMF_CACHE", "off");
    }

    @Test
    void aNamedCommandIsBuiltAlone() {
        assertThat(built(noConfiguration(), "fmf", "dump", ".")).containsExactly("fmf");
        assertThat(built(noConfiguration(), "runs", "ls")).containsExactly("runs");
    }

    @Test
    void theVersionAloneNeedsNoCommand() {
        assertThat(built(noConfiguration(), "--version")).isEmpty();
        assertThat(built(noConfiguration(), "-V")).isEmpty();
        StringWriter out = new StringWriter();
        assertThat(Drover.run(new String[] {"--version"}, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                noConfiguration())).isZero();
        assertThat(out.toString()).startsWith("drover ");
    }

    @Test
    void everyCommandIsBuiltForHelpAMistakeOrAConfiguration() throws Exception {
        Set<String> all = Drover.commandLine(noConfiguration()).getSubcommands().keySet();
        assertThat(all).contains("fmf", "worker", "runs", "help");
        assertThat(built(noConfiguration())).isEqualTo(all);
        assertThat(built(noConfiguration(), "help", "fmf")).isEqualTo(all);
        assertThat(built(noConfiguration(), "--version", "fmf")).isEqualTo(all);
        assertThat(built(noConfiguration(), "fmff", "ls")).isEqualTo(all);
        assertThat(built(noConfiguration(), "--config", "drover.yaml", "fmf", "ls")).isEqualTo(all);
        assertThat(built(Map.of("HOME", home.toString(), "DROVER_WORKER_CAPACITY", "3"), "fmf", "ls")).isEqualTo(all);
        Files.createDirectories(home.resolve(".config/drover"));
        Files.writeString(home.resolve(".config/drover/drover.yaml"), "worker:\n  capacity: 3\n");
        assertThat(built(noConfiguration(), "fmf", "ls")).isEqualTo(all);
    }

    @Test
    void helpOfACommandAndAMisspeltCommandAreAnsweredAsBefore() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(Drover.run(new String[] {"help", "fmf"}, new PrintWriter(out, true), new PrintWriter(err, true), noConfiguration()))
                .isZero();
        assertThat(out.toString()).startsWith("Usage: drover fmf");

        err.getBuffer().setLength(0);
        assertThat(Drover.run(new String[] {"fmff", "ls"}, new PrintWriter(out, true), new PrintWriter(err, true), noConfiguration()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("fmff").contains("fmf");
    }
}
