package io.drover.cli;

import io.drover.tmt.TmtTree;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Which plans and tests a run takes: {@code -p/--plan}, {@code -n/--name}, {@code --default}. */
final class SelectionFlags {
    @Option(names = {"-p", "--plan"}, paramLabel = "NAME", description = "Only plans whose name matches this regexp. Repeatable, any (default: every enabled plan).")
    List<String> plans = new ArrayList<>();
    @Option(names = {"-n", "--name"}, paramLabel = "REGEXP", description = "Only the selected tests whose name matches. Repeatable, any.")
    List<String> names = new ArrayList<>();
    @Option(names = "--default", description = "Use tmt's default plan (every test) instead of the tree's plans.")
    boolean defaultPlan;

    List<String> plans(TmtTree tree) {
        return TreeOptions.names(plans, tree);
    }

    List<String> names(TmtTree tree) {
        return TreeOptions.names(names, tree);
    }
}
