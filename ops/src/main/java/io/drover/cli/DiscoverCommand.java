package io.drover.cli;

import io.drover.tmt.DiscoverRequest;
import io.drover.tmt.DiscoveredTest;
import io.drover.tmt.Discovery;
import io.drover.tmt.PlanTests;
import io.drover.tmt.TmtTree;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code drover discover}: the tests each enabled plan would run, in order (tmt run discover). */
@Command(name = "discover", description = "Show the tests each enabled plan would run, in order.")
final class DiscoverCommand implements Runnable {
    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "A directory in the fmf tree (default: .).")
    Path path = Path.of(".");
    @Option(names = {"-p", "--plan"}, paramLabel = "NAME", description = "Only plans whose name matches this regexp. Repeatable, any.")
    List<String> plans = new ArrayList<>();
    @Option(names = {"-t", "--test"}, paramLabel = "REGEXP", description = "Replace the plans' discover 'test' (order kept, duplicates allowed). Repeatable.")
    List<String> test;
    @Option(names = {"-i", "--include"}, paramLabel = "REGEXP", description = "Replace the plans' discover 'include'. Repeatable.")
    List<String> include;
    @Option(names = {"-x", "--exclude"}, paramLabel = "REGEXP", description = "Replace the plans' discover 'exclude'. Repeatable.")
    List<String> exclude;
    @Option(names = {"-f", "--filter"}, paramLabel = "FILTER", description = "Replace the plans' discover 'filter'. Repeatable, all must pass.")
    List<String> filter;
    @Option(names = "--link", paramLabel = "RELATION:TARGET", description = "Replace the plans' discover 'link'. Repeatable, any.")
    List<String> link;
    @Option(names = {"-n", "--name"}, paramLabel = "REGEXP", description = "Keep only the selected tests whose name matches; '.' = under the current directory. Repeatable, any.")
    List<String> names = new ArrayList<>();
    @Option(names = "--default", description = "Use tmt's default plan (every test, discovered with fmf) instead of the tree's plans.")
    boolean defaultPlan;
    @Option(names = "--json", description = "Print {\"/plan\": [\"/test\", ...], ...}.")
    boolean json;
    @Mixin
    ContextOptions context;
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        if (filter != null) {
            Filters.parse(filter);
        }
        var ctx = context.context();
        TmtTree tree = TmtTree.load(path);
        DiscoverRequest request = new DiscoverRequest(TreeOptions.names(plans, tree), defaultPlan, ctx, test, include,
                exclude, filter, link, TreeOptions.names(names, tree));
        List<PlanTests> discovered = new Discovery(tree).discover(request);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            printJson(discovered, out);
        } else {
            for (PlanTests plan : discovered) {
                out.println(plan.plan().name());
                int count = plan.tests().size();
                out.println(count == 0 ? "    no tests found" : "    " + count + (count == 1 ? " test" : " tests") + " selected");
                for (DiscoveredTest test : plan.tests()) {
                    out.println("    " + test.name());
                }
            }
        }
        out.flush();
    }

    private static void printJson(List<PlanTests> discovered, PrintWriter out) {
        Output.json(out, json -> {
            json.writeStartObject();
            for (PlanTests plan : discovered) {
                json.writeArrayFieldStart(plan.plan().name());
                for (DiscoveredTest test : plan.tests()) {
                    json.writeString(test.name());
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        });
    }
}
