package io.drover.cli;

import io.drover.fmf.FmfTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Starts loading the fmf tree that a metadata command will read while picocli is still building the command's model
 * (about as long as loading a big tree from the parse cache, on the other core). The tree is guessed from the raw
 * arguments: the value of {@code --root}, else the last argument that is a directory, else the current directory. A
 * wrong guess costs only the work: {@link FmfTree#load} takes a tree loaded ahead only when it asks for the same root.
 */
final class LoadAhead {
    private static final Set<String> COMMANDS = Set.of("fmf", "tests", "plans", "discover");

    private LoadAhead() {
    }

    static void start(String[] args) {
        Path tree = tree(args, path -> Files.isDirectory(Path.of(path)));
        if (tree != null) {
            FmfTree.loadAhead(tree);
        }
    }

    /** The directory the command in {@code args} will read a tree from, or null when it reads none or only prints help. */
    static Path tree(String[] args, Predicate<String> isDirectory) {
        int command = Drover.commandAt(args);
        if (command >= args.length || !COMMANDS.contains(args[command])) {
            return null;
        }
        String directory = ".";
        for (int i = command + 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            } else if (arg.equals("--root") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            } else if (arg.startsWith("--root=")) {
                return Path.of(arg.substring("--root=".length()));
            } else if (!arg.startsWith("-") && isDirectory.test(arg)) {
                directory = arg;
            }
        }
        return Path.of(directory);
    }
}
