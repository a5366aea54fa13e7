package io.drover.coordinator.farm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.drover.coordinator.policy.KnownIssueRules;
import io.drover.event.Event;
import io.drover.event.IssueRule;
import io.drover.event.JobFinished;
import io.drover.event.RunCancelled;
import io.drover.event.RunCreated;
import io.drover.event.RunFinished;
import io.drover.event.RunPolicy;
import io.drover.event.RunSut;
import io.drover.event.SutState;
import io.drover.event.TestPending;
import io.drover.event.TestVerdict;
import io.drover.job.Job;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RunLedgerTest {
    private static final String TS = "2026-11-22T08:00:00.000Z";

    private static RunCreated created(int tests, int suts) {
        return created(tests, suts, List.of());
    }

    private static RunCreated created(int tests, int suts, List<IssueRule> rules) {
        List<RunSut> pool = new ArrayList<>();
        for (int i = 1; i <= suts; i++) {
            pool.add(new RunSut("sut-" + i, "ssh://root@10.0.0." + i, Map.of()));
        }
        return new RunCreated("r1", 1, TS, "/tree", null, List.of("/plans/a"), Map.of(), tests, "test", pool,
                new RunPolicy(1, 0, 2), rules);
    }

    private static List<TestPending> pending(int tests) {
        List<TestPending> out = new ArrayList<>();
        for (int i = 1; i <= tests; i++) {
            out.add(new TestPending("r1", "/tests/t" + i, 1, i + 1, TS, "/plans/a", i, i * 1000L, false));
        }
        return out;
    }

    private static JobFinished end(Job job, String status, String failure) {
        return end(job, status, failure, List.of());
    }

    private static JobFinished end(Job job, String status, String failure, List<String> outputMatches) {
        return new JobFinished("r1", 1, TS, job.id(), job.type(), job.sut(), job.plan(), job.test(), job.serial(),
                job.attempt(), status, failure, "", "w1", outputMatches);
    }

    /** Runs the ledger like a farm would, ending each job as {@code outcome} says; returns the inputs fed. */
    private static List<Event> drive(RunLedger ledger, List<TestPending> tests, Function<Job, JobFinished> outcome,
                                     List<Event> published) {
        List<Event> inputs = new ArrayList<>();
        Deque<Job> out = new ArrayDeque<>();
        for (TestPending test : tests) {
            inputs.add(test);
            RunLedger.Output output = ledger.pending(test);
            out.addAll(output.jobs());
            published.addAll(output.events());
        }
        while (!out.isEmpty()) {
            JobFinished end = outcome.apply(out.poll());
            inputs.add(end);
            RunLedger.Output output = ledger.jobFinished(end);
            out.addAll(output.jobs());
            published.addAll(output.events());
        }
        return inputs;
    }

    @Test
    void schedulesEveryTestAndEndsTheRunWithItsTally() {
        RunLedger ledger = new RunLedger(created(5, 2), KnownIssueRules.NONE);
        List<Event> published = new ArrayList<>();
        drive(ledger, pending(5), job -> end(job, job.test() != null && job.test().endsWith("3") ? "fail" : "pass",
                job.test() != null && job.test().endsWith("3") ? "test" : null), published);
        assertThat(ledger.finished()).isTrue();
        assertThat(published).filteredOn(TestVerdict.class::isInstance).hasSize(5);
        RunFinished finished = (RunFinished) published.get(published.size() - 1);
        assertThat(finished.passed()).isEqualTo(4);
        assertThat(finished.failed()).isEqualTo(1);
        assertThat(finished.exitCode()).isEqualTo(1);
        assertThat(published).filteredOn(SutState.class::isInstance).extracting(e -> ((SutState) e).state())
                .containsOnly("released");
        // sequence numbers go on after the run's creation and tests, each once
        assertThat(published).extracting(Event::seq).doesNotHaveDuplicates().allMatch(seq -> seq > 6);
    }

    @Test
    void aLedgerFedTheSameEventsAgainDecidesTheSame() {
        RunLedger first = new RunLedger(created(8, 3), KnownIssueRules.NONE);
        List<Event> published = new ArrayList<>();
        List<Event> inputs = drive(first, pending(8), job -> end(job, "pass", null), published);

        RunLedger again = new RunLedger(created(8, 3), KnownIssueRules.NONE);
        List<Event> republished = new ArrayList<>();
        for (Event input : inputs) {
            RunLedger.Output output = input instanceof TestPending p ? again.pending(p)
                    : again.jobFinished((JobFinished) input);
            republished.addAll(output.events());
        }
        assertThat(again.finished()).isTrue();
        assertThat(republished).extracting(Event::seq).isEqualTo(published.stream().map(Event::seq).toList());
        assertThat(republished).extracting(e -> e.getClass().getSimpleName())
                .isEqualTo(published.stream().map(e -> e.getClass().getSimpleName()).toList());
    }

    @Test
    void aDuplicateEndChangesNothingAndAnInfraFailureIsRetriedElsewhere() {
        RunLedger ledger = new RunLedger(created(1, 2), KnownIssueRules.NONE);
        List<Job> jobs = new ArrayList<>(ledger.pending(pending(1).get(0)).jobs());
        Job prepare = jobs.get(0);
        assertThat(prepare.type()).isEqualTo(Job.PREPARE);
        Job test = ledger.jobFinished(end(prepare, "pass", null)).jobs().get(0);
        assertThat(ledger.jobFinished(end(prepare, "pass", null)).jobs()).isEmpty();
        RunLedger.Output lost = ledger.jobFinished(end(test, "infra", "sut-lost"));
        assertThat(lost.jobs()).extracting(Job::sut).containsOnly("sut-2");
        assertThat(lost.events()).filteredOn(SutState.class::isInstance)
                .extracting(e -> ((SutState) e).state()).containsExactly("broken");
        assertThat(ledger.outstanding()).hasSize(1);
    }

    @Test
    void aCancelEndsWaitingTestsAndTheRunOnceItsJobsEnd() {
        RunLedger ledger = new RunLedger(created(3, 1), KnownIssueRules.NONE);
        List<TestPending> tests = pending(3);
        ledger.pending(tests.get(0));
        ledger.pending(tests.get(1));
        Job prepare = ledger.pending(tests.get(2)).jobs().get(0);
        List<Job> started = ledger.jobFinished(end(prepare, "pass", null)).jobs();
        assertThat(started).as("a test and the one queued behind it").hasSize(2);
        RunLedger.Output cancelled = ledger.cancelled(new RunCancelled("r1", 1, TS, null, null,
                "stop"));
        assertThat(cancelled.events()).filteredOn(TestVerdict.class::isInstance).singleElement()
                .matches(e -> "cancelled".equals(((TestVerdict) e).failureClass()));
        assertThat(ledger.jobFinished(end(started.get(0), "infra", "cancelled")).jobs()).isEmpty();
        RunLedger.Output after = ledger.jobFinished(end(started.get(1), "infra", "cancelled"));
        assertThat(after.jobs()).extracting(Job::type).containsExactly(Job.RELEASE);
        RunLedger.Output last = ledger.jobFinished(end(after.jobs().get(0), "pass", null));
        assertThat(ledger.finished()).isTrue();
        assertThat(last.events()).filteredOn(RunFinished.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((RunFinished) e).exitCode()).isEqualTo(2));
    }

    @Test
    void knownIssuesMatchTheOutputPatternsTheWorkerFound() {
        List<IssueRule> rules = List.of(
                new IssueRule("run.yaml:1", "/tests/t1", "^FATAL: disk", null, Map.of(), "BZ#1", null),
                new IssueRule("run.yaml:3", "/tests/t2", "^FATAL: disk", null, Map.of(), "BZ#2", null));
        KnownIssueRules farm = KnownIssueRules.parse("- {test: /tests/.*, note: segfault, issue: FARM#9}\n", "farm.yaml");
        RunLedger ledger = new RunLedger(created(3, 1, rules), farm);
        List<Event> published = new ArrayList<>();
        List<Job> testJobs = new ArrayList<>();
        drive(ledger, pending(3), job -> {
            if (job.test() == null) {
                return end(job, "pass", null);
            }
            testJobs.add(job);
            return switch (job.test()) {
                case "/tests/t1" -> end(job, "fail", "test", List.of("^FATAL: disk"));
                case "/tests/t2" -> end(job, "fail", "test");
                default -> new JobFinished("r1", 1, TS, job.id(), job.type(), job.sut(), job.plan(), job.test(),
                        job.serial(), job.attempt(), "error", "test", "segfault in the test", "w1", List.of());
            };
        }, published);
        assertThat(testJobs).extracting(Job::test, Job::outputPatterns).containsExactlyInAnyOrder(
                tuple("/tests/t1", List.of("^FATAL: disk")), tuple("/tests/t2", List.of("^FATAL: disk")),
                tuple("/tests/t3", List.of()));
        assertThat(published).filteredOn(TestVerdict.class::isInstance).map(TestVerdict.class::cast)
                .extracting(TestVerdict::test, TestVerdict::status, TestVerdict::knownIssue)
                .containsExactlyInAnyOrder(tuple("/tests/t1", "fail", "BZ#1"), tuple("/tests/t2", "fail", null),
                        tuple("/tests/t3", "error", "FARM#9"));
    }
}
