package io.drover.cli;

import io.drover.fmf.Adjustment;
import io.drover.fmf.FmfJson;
import io.drover.fmf.FmfNode;
import io.drover.fmf.FmfTree;
import io.drover.fmf.PruneQuery;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code drover fmf ls|show|dump}: what {@code fmf ls} and {@code fmf show} print, and the data as JSON. */
@Command(name = "fmf", description = "Look at an fmf metadata tree as fmf does.",
        subcommands = FmfCommand.Dump.class)
final class FmfCommand {

    /** The node selection shared by {@code ls} and {@code show}. */
    static class Selection {
        @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "A directory in the tree (default: .).")
        Path path = Path.of(".");
        @Option(names = "--filter", paramLabel = "FILTER", description = "Filter expression (tag: x & tier: 1 | ...). Repeatable, all must pass.")
        List<String> filters = new ArrayList<>();
        @Option(names = "--whole", description = "Every node, not only leaves.")
        boolean whole;
        @Option(names = "--key", paramLabel = "KEY", description = "Only nodes that have this key. Repeatable.")
        List<String> keys = new ArrayList<>();
        @Option(names = "--name", paramLabel = "REGEXP", description = "Only nodes whose name contains a match. Repeatable, any.")
        List<String> names = new ArrayList<>();
        @Option(names = "--source", paramLabel = "FILE", description = "Only nodes defined in this file. Repeatable, any.")
        List<Path> sources = new ArrayList<>();

        List<FmfNode> select() {
            var filters = Filters.parse(this.filters);
            FmfTree tree = FmfTree.load(path);
            Set<Path> absolute = new HashSet<>();
            sources.forEach(s -> absolute.add(s.toAbsolutePath().normalize()));
            return tree.prune(PruneQuery.leaves().withWhole(whole).withKeys(keys).withNames(names)
                    .withFilters(filters).withSources(absolute));
        }
    }

    @Spec
    CommandSpec spec;

    @Command(name = "ls", description = "Node names, one a line (fmf ls).")
    void ls(@Mixin Selection selection) {
        Output.lines(spec.commandLine().getOut(), selection.select(), FmfNode::name);
    }

    @Command(name = "show", description = "Nodes with their data (fmf show).")
    void show(@Mixin Selection selection) {
        Output.blocks(spec.commandLine().getOut(), selection.select(), FmfShowFormat::format);
    }

    @Command(name = "dump", description = "Every node's data after inheritance (and adjust) as JSON: {\"leaves\": [...], \"nodes\": {...}}.")
    static final class Dump implements Runnable {
        @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "A directory in the tree (default: .).")
        Path path = Path.of(".");
        @Option(names = "--adjust", description = "Apply adjust rules (implied by -c).")
        boolean adjust;
        @Mixin
        ContextOptions context;
        @Option(names = "--case-sensitive", description = "Match context values case-sensitively (default: insensitive, as tmt).")
        boolean caseSensitive;
        @Option(names = "--compact", description = "One line of JSON without indentation: a quarter smaller, and faster to write for a big tree.")
        boolean compact;
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            var ctx = context.context();
            FmfTree loaded = FmfTree.load(path);
            FmfTree tree = adjust || !context.isEmpty() ? loaded.adjusted(Adjustment.of(ctx).withCaseSensitive(caseSensitive)) : loaded;
            // streamed: a big tree's dump is never built in memory
            Output.json(spec.commandLine().getOut(), compact, json -> FmfJson.writeDump(tree, json));
        }
    }
}
