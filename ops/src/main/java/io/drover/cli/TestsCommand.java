package io.drover.cli;

import io.drover.tmt.TestQuery;
import io.drover.tmt.TmtTest;
import io.drover.tmt.TmtTree;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drover tests ls|show}: the tests of a tree, as {@code tmt tests ls|show} lists them. */
@Command(name = "tests", description = "List and show tests (as tmt tests ls/show).")
final class TestsCommand {
    @Spec
    CommandSpec spec;

    static class Selection {
        @Parameters(paramLabel = "NAME", arity = "0..*", description = "Regexps searched in test names; '.' = under the current directory.")
        List<String> names = new ArrayList<>();
        @Option(names = {"-f", "--filter"}, paramLabel = "FILTER", description = "Filter over the test metadata. Repeatable, all must pass.")
        List<String> filters = new ArrayList<>();
        @Option(names = {"-x", "--exclude"}, paramLabel = "REGEXP", description = "Drop tests whose name matches. Repeatable.")
        List<String> excludes = new ArrayList<>();
        @Option(names = "--link", paramLabel = "RELATION:TARGET", description = "Only tests with a matching link. Repeatable, any.")
        List<String> links = new ArrayList<>();
        @Mixin
        ContextOptions context;
        @Mixin
        TreeOptions tree;

        List<TmtTest> select() {
            var filters = Filters.parse(this.filters);
            var ctx = context.context();
            TmtTree loaded = tree.load();
            return loaded.tests(new TestQuery(ctx, TreeOptions.names(names, loaded), filters, links, excludes, List.of()));
        }
    }

    @Command(name = "ls", description = "Test names, one a line.")
    void ls(@Mixin Selection selection) {
        Output.lines(spec.commandLine().getOut(), selection.select(), TmtTest::name);
    }

    @Command(name = "show", description = "Tests with their metadata (tmt's keys, defaults filled in).")
    void show(@Mixin Selection selection) {
        Output.blocks(spec.commandLine().getOut(), selection.select(), TestsCommand::format);
    }

    private static String format(TmtTest test) {
        StringBuilder out = new StringBuilder(test.name()).append('\n');
        test.export().forEach((key, value) -> {
            if (!key.equals("name")) {
                out.append(String.format("%22s %s%n", key, FmfShowFormat.value(value)));
            }
        });
        return out.toString();
    }
}
