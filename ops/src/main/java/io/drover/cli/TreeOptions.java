package io.drover.cli;

import io.drover.tmt.TestQuery;
import io.drover.tmt.TmtTree;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --root PATH}: the fmf tree to read (default: the tree containing the current directory). */
final class TreeOptions {
    @Option(names = "--root", paramLabel = "PATH", description = "A directory in the fmf tree (default: .).")
    Path root = Path.of(".");

    TmtTree load() {
        return TmtTree.load(root);
    }

    /** Name patterns as typed; {@code .} means "under the current directory". */
    static List<String> names(List<String> names, TmtTree tree) {
        Path cwd = Path.of("").toAbsolutePath();
        return names.stream().map(n -> TestQuery.resolveDot(n, tree.root(), cwd)).toList();
    }
}
