package io.drover.worker.sut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSutConnectionTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void runsACommandWithBashAndReturnsItsExitStatusAndBothStreams() throws Exception {
        try (SutConnection sut = new LocalSutConnection()) {
            assertThat(sut.run("echo $0 ${BASH_VERSION:+is-bash}; echo err >&2; exit 7", WAIT))
                    .isEqualTo(new CommandResult(7, "bash is-bash\n", "err\n", false));
            assertThat(sut.run("kill -TERM $$", WAIT).exitStatus()).isEqualTo(128 + 15);
            assertThat(sut.address().display()).isEqualTo("local");
        }
    }

    @Test
    void givesACommandItsInputAndClosesItAfter() throws Exception {
        try (SutConnection sut = new LocalSutConnection()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            RunningCommand command = sut.start("cat; echo end", "a script\n".getBytes(StandardCharsets.UTF_8), out,
                    OutputStream.nullOutputStream());

            assertThat(command.exit().get(10, TimeUnit.SECONDS)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("a script\nend\n");
            assertThat(sut.run("cat; echo closed", WAIT).stdout()).as("no input: closed at once").isEqualTo("closed\n");
        }
    }

    @Test
    void streamsOutputWhileTheCommandRuns() throws Exception {
        CountDownLatch firstLine = new CountDownLatch(1);
        ByteArrayOutputStream seen = new ByteArrayOutputStream() {
            @Override
            public synchronized void write(byte[] b, int off, int len) {
                super.write(b, off, len);
                if (toString(StandardCharsets.UTF_8).contains("first\n")) {
                    firstLine.countDown();
                }
            }
        };
        try (SutConnection sut = new LocalSutConnection()) {
            RunningCommand command = sut.start("echo first; sleep 1; echo second", seen, OutputStream.nullOutputStream());

            assertThat(firstLine.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(command.exit()).isNotDone();
            assertThat(command.exit().get(10, TimeUnit.SECONDS)).isZero();
            assertThat(seen.toString(StandardCharsets.UTF_8)).isEqualTo("first\nsecond\n");
        }
    }

    @Test
    void capturesOnlyTheFirstBytesOfAChattyCommand() throws Exception {
        try (SutConnection sut = new LocalSutConnection()) {
            CommandResult result = sut.run("head -c 200000 /dev/zero | tr '\\0' x", WAIT);

            assertThat(result.stdout()).hasSize(SutConnection.CAPTURE_LIMIT);
            assertThat(result.truncated()).isTrue();
        }
    }

    @Test
    void aCommandThatDoesNotFinishInTimeIsAbortedAsSutLost() throws Exception {
        try (SutConnection sut = new LocalSutConnection()) {
            SutException e = catchThrowableOfType(SutException.class, () -> sut.run("sleep 30", Duration.ofMillis(300)));

            assertThat(e.failureClass()).isEqualTo(SutFailureClass.LOST);
            assertThat(e.getMessage()).isEqualTo("local: command did not finish within 300 ms: sleep 30");
        }
    }

    @Test
    void sendsAFileByteForByteAndReadsTheBootId() throws Exception {
        byte[] content = new byte[100_000];
        new Random(3).nextBytes(content);
        Path remote = dir.resolve("copy.bin");
        try (SutConnection sut = new LocalSutConnection()) {
            sut.send(new ByteArrayInputStream(content), remote.toString());

            assertThat(Files.readAllBytes(remote)).isEqualTo(content);
            assertThat(sut.bootId()).isEqualTo(Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip());
            SutRequirements.standard().check(sut);
            assertThatThrownBy(() -> sut.send(new ByteArrayInputStream(content), dir.resolve("missing/x").toString()))
                    .isInstanceOfSatisfying(SutException.class,
                            e -> assertThat(e.failureClass()).isEqualTo(SutFailureClass.SETUP));
        }
    }
}
