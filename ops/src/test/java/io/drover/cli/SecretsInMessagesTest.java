package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A database's password never shows in what the commands print, whatever goes wrong with it. */
class SecretsInMessagesTest {
    @Test
    void anUnreachableDatabaseIsNamedWithoutItsPassword() {
        CliRun store = CliRun.of("store", "--kafka", "127.0.0.1:1", "--db",
                "postgresql://drover:SECRET@127.0.0.1:1/results");
        assertThat(store.exitCode()).as(store.err()).isEqualTo(ExitCodes.IO_ERROR);
        assertThat(store.err()).contains("127.0.0.1:1/results").doesNotContain("SECRET");

        CliRun runs = CliRun.of("runs", "ls", "--db", "postgresql://drover:SECRET@127.0.0.1:1/results");
        assertThat(runs.err()).isNotBlank().doesNotContain("SECRET");
    }

    @Test
    void aBadDatabaseUrlIsQuotedWithoutItsPassword() {
        CliRun runs = CliRun.of("runs", "ls", "--db", "postgresql://drover:SECRET@127.0.0.1:port/results");
        assertThat(runs.exitCode()).as(runs.err()).isNotZero();
        assertThat(runs.err().strip()).doesNotContain("\n").contains("drover:***@").doesNotContain("SECRET");
    }

    @Test
    void aGitUrlWithCredentialsIsRefusedWithoutThem() {
        CliRun run = CliRun.of("run", "--pool", "sim:1", "--kafka", "127.0.0.1:1",
                "https://user:SECRET@127.0.0.1:1/tree.git");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().strip()).doesNotContain("\n").contains("carries credentials").doesNotContain("SECRET");
    }
}
