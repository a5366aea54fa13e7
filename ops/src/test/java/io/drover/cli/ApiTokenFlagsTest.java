package io.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.coordinator.api.ApiAccess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where {@code drover coordinator} takes its API token from, and the mistakes it refuses before starting. */
class ApiTokenFlagsTest {
    @TempDir
    Path temp;
    private final StringWriter err = new StringWriter();

    private ApiAccess access(Path file, boolean reads, Map<String, String> environment) {
        ApiTokenFlags flags = new ApiTokenFlags();
        flags.tokenFile = file;
        flags.readTokenRequired = reads;
        return flags.access(environment, new PrintWriter(err, true));
    }

    @Test
    void theTokenIsTheFilesFirstLineTrimmedAndWinsOverTheEnvironment() throws Exception {
        Path file = Files.writeString(temp.resolve("token"), "  abc123 \nsecond line\n");
        ApiAccess access = access(file, false, Map.of(ApiTokenFlags.ENVIRONMENT, "other"));
        assertThat(access.accepts("Bearer abc123")).isTrue();
        assertThat(access.accepts("bearer abc123")).isTrue();
        assertThat(access.accepts("Bearer other")).isFalse();
        assertThat(access.accepts("Bearer abc1234")).isFalse();
        assertThat(access.accepts("Basic abc123")).isFalse();
        assertThat(access.accepts(null)).isFalse();
        assertThat(access.readsProtected()).isFalse();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void theEnvironmentGivesTheTokenWithoutAFile() {
        ApiAccess access = access(null, true, Map.of(ApiTokenFlags.ENVIRONMENT, "from-env\n"));
        assertThat(access.accepts("Bearer from-env")).isTrue();
        assertThat(access.readsProtected()).isTrue();
    }

    @Test
    void withoutATokenSubmittingIsOpenAndSaysSo() {
        assertThat(access(null, false, Map.of())).isNull();
        assertThat(err.toString().strip()).doesNotContain("\n")
                .startsWith("drover: warning: no API token").contains("anyone who can reach the HTTP port");
    }

    @Test
    void protectedReadsWithoutATokenAreAMistake() {
        assertThatThrownBy(() -> access(null, true, Map.of())).isInstanceOf(ExitCodes.UsageException.class)
                .hasMessageContaining("--read-token-required needs a token");
    }

    private static void assertOneLineUsageError(CliRun run, String... fragments) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().strip()).doesNotContain("\n").doesNotContain("Exception").contains(fragments);
    }

    @Test
    void aMissingOrEmptyTokenFileIsAOneLineUsageError() throws Exception {
        // the token is checked before Kafka is asked anything: no broker is needed here
        String kafka = "127.0.0.1:1";
        assertOneLineUsageError(CliRun.of("coordinator", "--kafka", kafka, "--http", "0", "--api-token-file",
                temp.resolve("missing").toString()), "--api-token-file", "missing", "no such file");
        Path empty = Files.writeString(temp.resolve("empty"), "\n  \n");
        assertOneLineUsageError(CliRun.of("coordinator", "--kafka", kafka, "--http", "0", "--api-token-file",
                empty.toString()), "--api-token-file", "the first line holds no token");
        assertOneLineUsageError(CliRun.of("coordinator", "--kafka", kafka, "--http", "0", "--api-token-file",
                temp.toString()), "--api-token-file", "cannot read it");
    }
}
