package io.drover.cli;

import io.drover.result.TestOutcome;
import io.drover.sut.SutAddress;
import io.drover.worker.runner.PlanExecution;
import io.drover.worker.runner.TestInvocation;

/** What {@code drover exec} shows while it runs, told by its {@link PlanExecution}. */
final class ExecProgress implements PlanExecution.Listener {
    private final RunConsole console;

    ExecProgress(RunConsole console) {
        this.console = console;
    }

    @Override
    public void sutReady(SutAddress sut) {
        console.line("SUT " + sut.display() + " ready");
    }

    @Override
    public void sutFailed(SutAddress sut, String reason) {
        String prefix = sut.display() + ": ";
        console.line("SUT " + sut.display() + " out: "
                + (reason.startsWith(prefix) ? reason.substring(prefix.length()) : reason));
    }

    @Override
    public void testStarted(TestInvocation test, SutAddress sut) {
        console.testStarted();
    }

    @Override
    public void testFinished(TestOutcome outcome, SutAddress sut) {
        console.testEnded(outcome.test(), outcome.status(), outcome.failureClass(), outcome.reason(), outcome.took(),
                sut == null ? null : sut.display(), sut != null, null);
    }

    @Override
    public void finishFailed(String plan, SutAddress sut, String reason) {
        console.line("finish of " + plan + " failed on " + sut.display() + ": " + reason);
    }
}
