package io.drover.farm;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.cli.CliRun;
import io.drover.event.RunPolicy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drover tail} follows a run on a farm while it runs, and ends with it. */
class TailTest {
    @TempDir
    Path temp;

    private record Tail(int exitCode, String out) {
    }

    private static CompletableFuture<Tail> tail(String... args) {
        return CompletableFuture.supplyAsync(() -> {
            StringWriter out = new StringWriter();
            int code = CliRun.run(args, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
            return new Tail(code, out.toString());
        });
    }

    @Test
    void aRunsEventsAndOutputAreFollowedUntilItEnds() throws Exception {
        Path tree = FarmFixture.tree(temp.resolve("tree"), Map.of("/a", "discover: {how: fmf}\nexecute: {how: tmt}\n"),
                Map.of("/talk", "test: echo one; sleep 1; echo two\n", "/fail", "test: echo broken >&2; exit 1\n"));
        try (FarmFixture farm = new FarmFixture(1)) {
            farm.dumpLogsOnFailure();
            farm.startCoordinator();
            FarmFixture.Submitted run = farm.submit(tree, RunPolicy.DEFAULT);
            CompletableFuture<Tail> all = tail("tail", run.run(), "--kafka", farm.bootstrap, "--namespace",
                    farm.topics.namespace());
            farm.startWorker("w1", 2, Duration.ofSeconds(2));
            Tail followed = all.get(120, TimeUnit.SECONDS);
            assertThat(followed.exitCode()).as(followed.out()).isEqualTo(1);
            assertThat(followed.out()).contains("run " + run.run() + ": 2 tests in 1 plans on 1 SUTs")
                    .contains("/tests/talk | one\n").contains("/tests/talk | two\n")
                    .contains("/tests/fail | broken\n").contains("/tests/fail: FAIL test")
                    .contains("/tests/talk: PASS").contains("run finished: 1 passed, 1 failed");

            Tail one = tail("tail", run.run(), "--test", "talk$", "--kafka", farm.bootstrap, "--namespace",
                    farm.topics.namespace()).get(60, TimeUnit.SECONDS);
            assertThat(one.out()).contains("/tests/talk | two").doesNotContain("/tests/fail");
            // started after the run's end, it still shows the output between the test's start and its verdict
            String late = one.out();
            assertThat(late.indexOf("/tests/talk (")).as(late).isNotNegative()
                    .isLessThan(late.indexOf("/tests/talk | one"));
            assertThat(late.indexOf("/tests/talk | two")).isLessThan(late.indexOf("/tests/talk: PASS"));

            CliRun unknown = CliRun.of("tail", "r-none", "--kafka", farm.bootstrap, "--namespace", farm.topics.namespace());
            assertThat(unknown.exitCode()).as(unknown.err()).isEqualTo(64);
            assertThat(unknown.err().strip()).doesNotContain("\n")
                    .contains("no events of run r-none on Kafka").contains("mistyped id");
            farm.passed();
        }
    }
}
