package io.drover.coordinator.farm;

import io.drover.tmt.TmtTree;
import io.drover.tree.GitCheckouts;
import io.drover.tree.GitFmfTree;
import io.drover.tree.GitUrls;
import java.nio.file.Path;

/**
 * A run's fmf tree as intake read it, and as the run records it for the workers.
 *
 * @param tree   a path (the tree's root, absolute) or a git repository's URL
 * @param commit the commit of the git repository, resolved once so that every worker runs the same; null for a path
 * @param loaded the tree, read from the path or from the commit checked out
 */
public record IntakeTree(String tree, String commit, TmtTree loaded) {
    /** The tree at a path. */
    public static IntakeTree ofPath(TmtTree loaded) {
        return new IntakeTree(loaded.root().toAbsolutePath().toString(), null, loaded);
    }

    /** Whether a run's tree is a git repository: a URL, or any tree given with a ref. */
    public static boolean fromGit(String tree, String ref) {
        return ref != null || GitUrls.isUrl(tree);
    }

    /** The request's tree, as {@link #of(String, String, GitCheckouts)} reads it. */
    public static IntakeTree of(RunRequest request, GitCheckouts checkouts) {
        return of(request.tree(), request.ref(), checkouts);
    }

    /**
     * A tree read from its path, or a git repository's ref resolved to a commit, checked out in {@code checkouts}
     * and read.
     *
     * @throws io.drover.tree.GitException a URL that carries credentials or cannot be fetched, an unknown ref, a commit without an fmf tree
     */
    public static IntakeTree of(String tree, String ref, GitCheckouts checkouts) {
        if (!fromGit(tree, ref)) {
            return ofPath(TmtTree.load(Path.of(tree)));
        }
        String url = GitUrls.normalize(tree);
        GitUrls.requireNoCredentials(url);
        String commit = checkouts.resolve(url, ref);
        return new IntakeTree(url, commit, GitFmfTree.load(checkouts, url, commit));
    }
}
