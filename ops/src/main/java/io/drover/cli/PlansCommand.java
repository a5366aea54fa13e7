package io.drover.cli;

import io.drover.tmt.TmtPlan;
import io.drover.tmt.TmtTree;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code drover plans ls|show}: the plans of a tree, as {@code tmt plans ls|show} lists them. */
@Command(name = "plans", description = "List and show plans (as tmt plans ls/show).",
        subcommands = {PlansCommand.Ls.class, PlansCommand.Show.class})
final class PlansCommand {

    static class Selection {
        @Parameters(paramLabel = "NAME", arity = "0..*", description = "Regexps searched in plan names; '.' = under the current directory.")
        List<String> names = new ArrayList<>();
        @Mixin
        ContextOptions context;
        @Mixin
        TreeOptions tree;

        List<TmtPlan> select() {
            var ctx = context.context();
            TmtTree loaded = tree.load();
            return loaded.plans(ctx, TreeOptions.names(names, loaded));
        }
    }

    @Command(name = "ls", description = "Plan names, one a line.")
    static final class Ls implements Runnable {
        @Mixin
        Selection selection;
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            selection.select().forEach(p -> out.println(p.name()));
            out.flush();
        }
    }

    @Command(name = "show", description = "Plans with their steps, phases normalized as tmt does.")
    static final class Show implements Runnable {
        @Mixin
        Selection selection;
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            boolean first = true;
            for (TmtPlan plan : selection.select()) {
                if (!first) {
                    out.println();
                }
                out.println(plan.name());
                for (Map.Entry<String, Object> entry : plan.export().entrySet()) {
                    if (entry.getKey().equals("name")) {
                        continue;
                    }
                    if (entry.getValue() instanceof List<?> phases && !phases.isEmpty() && phases.get(0) instanceof Map) {
                        for (Object phase : phases) {
                            out.printf("%14s %s%n", entry.getKey(), FmfShowFormat.value(phase));
                        }
                    } else {
                        out.printf("%14s %s%n", entry.getKey(), FmfShowFormat.value(entry.getValue()));
                    }
                }
                first = false;
            }
            out.flush();
        }
    }
}
