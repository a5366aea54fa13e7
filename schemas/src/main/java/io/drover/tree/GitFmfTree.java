package io.drover.tree;

import io.drover.tmt.TmtTree;
import java.nio.file.Files;
import java.nio.file.Path;

/** The fmf tree of a git repository's commit: the repository's root must be the tree's root. */
public final class GitFmfTree {
    private GitFmfTree() {
    }

    /**
     * Checks the commit out (once, in {@code checkouts}) and loads its tree.
     *
     * @throws GitException the commit cannot be fetched, or its root has no {@code .fmf} directory
     */
    public static TmtTree load(GitCheckouts checkouts, String url, String commit) {
        Path root = checkouts.checkout(url, commit);
        if (!Files.isDirectory(root.resolve(".fmf"))) {
            throw new GitException("the git repository " + url + " at " + commit
                    + " has no fmf tree at its root (no .fmf directory)");
        }
        return TmtTree.load(root);
    }
}
