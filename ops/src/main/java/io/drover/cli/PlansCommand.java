package io.drover.cli;

import io.drover.tmt.TmtPlan;
import io.drover.tmt.TmtTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drover plans ls|show}: the plans of a tree, as {@code tmt plans ls|show} lists them. */
@Command(name = "plans", description = "List and show plans (as tmt plans ls/show).")
final class PlansCommand {
    @Spec
    CommandSpec spec;

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
    void ls(@Mixin Selection selection) {
        Output.lines(spec.commandLine().getOut(), selection.select(), TmtPlan::name);
    }

    @Command(name = "show", description = "Plans with their steps, phases normalized as tmt does.")
    void show(@Mixin Selection selection) {
        Output.blocks(spec.commandLine().getOut(), selection.select(), PlansCommand::format);
    }

    /** One line per key; a step gets one line per phase. */
    private static String format(TmtPlan plan) {
        StringBuilder out = new StringBuilder(plan.name()).append('\n');
        for (Map.Entry<String, Object> entry : plan.export().entrySet()) {
            if (entry.getKey().equals("name")) {
                continue;
            }
            List<?> lines = entry.getValue() instanceof List<?> phases && !phases.isEmpty() && phases.get(0) instanceof Map
                    ? phases : java.util.Collections.singletonList(entry.getValue());
            for (Object line : lines) {
                out.append(String.format("%14s %s%n", entry.getKey(), FmfShowFormat.value(line)));
            }
        }
        return out.toString();
    }
}
