package io.drover.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.event.Event;
import io.drover.event.RunCreated;
import io.drover.event.RunFinished;
import io.drover.event.RunPolicy;
import io.drover.event.RunSut;
import io.drover.event.TestFinished;
import io.drover.event.TestPending;
import io.drover.event.TestResult;
import io.drover.event.TestStarted;
import io.drover.event.TestVerdict;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The events of a finished run of passing tests, in the order a farm publishes them: {@code run.created}, a
 * {@code test.pending} per test, then per test a start, its results, its end and its verdict, then
 * {@code run.finished}. For the result store's benchmark and tests.
 */
public final class PassingRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TS = "2026-12-03T10:00:00.000Z";
    private static final String PLAN = "/plans/a";

    private PassingRun() {
    }

    /** Hands {@code out} the events of run {@code run} with {@code tests} tests of {@code results} results each. */
    public static void events(String run, int tests, int results, Consumer<Event> out) {
        out.accept(new RunCreated(run, 1, TS, "/tree", null, List.of(PLAN), Map.of(), tests, "sim:1",
                List.of(new RunSut("s1", "local", Map.of())), RunPolicy.DEFAULT, List.of()));
        for (int t = 1; t <= tests; t++) {
            out.accept(new TestPending(run, "/tests/t" + t, 1, t + 1, TS, PLAN, t, 1000, false));
        }
        for (int t = 1; t <= tests; t++) {
            String test = "/tests/t" + t;
            out.accept(new TestStarted(run, test, 1, 1, TS, PLAN, "s1", "w1"));
            for (int r = 1; r <= results; r++) {
                out.accept(new TestResult(run, test, 1, r + 1, TS, PLAN, JSON.createObjectNode()
                        .put("status", "pass").put("name", "check-" + r).put("note", "all good")));
            }
            out.accept(new TestFinished(run, test, 1, results + 2, TS, PLAN, "pass", null, "exit code 0", 0, 12, 0,
                    0));
            out.accept(new TestVerdict(run, test, 1, tests + 1L + t, TS, PLAN, t, "pass", null, "exit code 0", false,
                    null));
        }
        out.accept(new RunFinished(run, 2L * tests + 2, TS, tests, 0, 0, 0, 0, 0));
    }
}
