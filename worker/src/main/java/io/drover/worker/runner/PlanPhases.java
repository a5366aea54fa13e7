package io.drover.worker.runner;

import static io.drover.worker.sut.ShellWords.quote;

import io.drover.tmt.FinishPhase;
import io.drover.tmt.PreparePhase;
import io.drover.tmt.SpecificationException;
import io.drover.tmt.TmtPlan;
import io.drover.worker.sut.RunningCommand;
import io.drover.worker.sut.SutConnection;
import io.drover.worker.sut.SutException;
import io.drover.worker.sut.SutFailureClass;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A plan's {@code prepare} ({@code how: install}, {@code how: shell}) and {@code finish}
 * ({@code how: shell}) on one SUT. Shell scripts run with {@code bash}, {@code set -eo pipefail},
 * in {@code TMT_TREE}, with the plan's environment, {@code TMT_PLAN_DATA} and what earlier steps
 * wrote to {@code TMT_PLAN_ENVIRONMENT_FILE}. Their output goes to a log file of the worker's.
 */
public final class PlanPhases {
    private static final Duration LIMIT = Duration.ofHours(1);

    private PlanPhases() {
    }

    /** Refuses, before anything runs, the phases Drover cannot run, naming the plan and the phase. */
    public static void check(TmtPlan plan) {
        for (PreparePhase phase : plan.prepare()) {
            if (!"install".equals(phase.how()) && !"shell".equals(phase.how())) {
                throw new SpecificationException("plan " + plan.name() + ": prepare phase '" + phase.name()
                        + "' uses how: " + phase.how() + "; Drover runs how: install and how: shell");
            }
        }
        for (FinishPhase phase : plan.finish()) {
            if (!"shell".equals(phase.how())) {
                throw new SpecificationException("plan " + plan.name() + ": finish phase '" + phase.name()
                        + "' uses how: " + phase.how() + "; Drover runs how: shell");
            }
        }
    }

    /** Runs the plan's prepare phases; fails with {@code sut-setup} naming the phase that failed. */
    public static void prepare(SutWorkspace workspace, TmtPlan plan, Map<String, String> environment, Path log)
            throws SutException {
        for (PreparePhase phase : plan.prepare()) {
            if ("install".equals(phase.how())) {
                if (!phase.packages().isEmpty()) {
                    List<String> words = new ArrayList<>(List.of(workspace.runner(), "install", phase.missing()));
                    phase.packages().forEach(p -> words.add(quote(p)));
                    run(workspace, String.join(" ", words), log, plan, "prepare", phase.name());
                }
            } else {
                for (String script : phase.script()) {
                    runScript(workspace, plan, environment, script, log, "prepare", phase.name());
                }
            }
        }
    }

    /** Runs the plan's finish phases. */
    public static void finish(SutWorkspace workspace, TmtPlan plan, Map<String, String> environment, Path log)
            throws SutException {
        for (FinishPhase phase : plan.finish()) {
            for (String script : phase.script()) {
                runScript(workspace, plan, environment, script, log, "finish", phase.name());
            }
        }
    }

    private static void runScript(SutWorkspace workspace, TmtPlan plan, Map<String, String> environment,
                                  String script, Path log, String step, String phase) throws SutException {
        StringBuilder text = new StringBuilder("#!/bin/bash\n");
        ShellScripts.exports(text, Map.of(
                "TMT_TREE", workspace.treeDir(),
                "TMT_PLAN_DATA", workspace.planData(plan.name()),
                "TMT_PLAN_ENVIRONMENT_FILE", workspace.planEnvironmentFile(plan.name())));
        text.append(ShellScripts.IMPORT_PLAN_ENVIRONMENT_FILE);
        ShellScripts.exports(text, environment);
        text.append("export PATH=").append(quote(workspace.binDir())).append(":\"$PATH\"\n")
                .append("cd ").append(quote(workspace.treeDir())).append('\n')
                .append("set -eo pipefail\n").append(script).append('\n');
        String file = workspace.planData(plan.name()) + "/../" + step + "-" + System.nanoTime() + ".sh";
        workspace.sut().send(new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)), file);
        run(workspace, "bash " + quote(file) + "; rc=$?; rm -f " + quote(file) + "; exit $rc", log, plan, step, phase);
    }

    private static void run(SutWorkspace workspace, String command, Path log, TmtPlan plan, String step, String phase)
            throws SutException {
        SutConnection sut = workspace.sut();
        LastLine tail = new LastLine();
        int status;
        try (OutputStream file = Files.newOutputStream(log, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND)) {
            OutputStream both = new Tee(file, tail);
            RunningCommand running = sut.start(command, both, both);
            try {
                status = running.exit().get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                running.abort();
                throw new SutException(SutFailureClass.SETUP, sut.address().display() + ": plan " + plan.name() + " "
                        + step + " phase '" + phase + "' took longer than " + LIMIT.toMinutes() + " minutes");
            } catch (InterruptedException e) {
                running.abort();
                Thread.currentThread().interrupt();
                throw new SutException(SutFailureClass.LOST, sut.address().display() + ": interrupted");
            } catch (ExecutionException e) {
                throw e.getCause() instanceof SutException lost ? lost
                        : new SutException(SutFailureClass.LOST, String.valueOf(e.getCause()), e.getCause());
            }
        } catch (IOException e) {
            if (e instanceof SutException sut1) {
                throw sut1;
            }
            throw new SutException(SutFailureClass.SETUP, "cannot write " + log + ": " + e.getMessage(), e);
        }
        if (status != 0) {
            String last = tail.line();
            throw new SutException(SutFailureClass.SETUP, sut.address().display() + ": plan " + plan.name() + " "
                    + step + " phase '" + phase + "' failed (exit " + status + ")"
                    + (last.isEmpty() ? "" : ": " + last.replaceFirst("^drover: ", "")) + "; see " + log);
        }
    }
}
