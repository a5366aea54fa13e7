package io.drover.tree;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Writes the files of a commit into a directory, as {@code git archive} would: no {@code .git}, submodules as empty
 * directories, executable bits and symlinks kept. Every file gets the commit's time, so two checkouts of a commit
 * look the same to a tree sync.
 */
final class TreeExport {
    private TreeExport() {
    }

    /** Executable by whoever may read it, as git does under the umask. */
    private static void makeExecutable(Path path) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
        if (permissions.contains(PosixFilePermission.OWNER_READ)) {
            permissions.add(PosixFilePermission.OWNER_EXECUTE);
        }
        if (permissions.contains(PosixFilePermission.GROUP_READ)) {
            permissions.add(PosixFilePermission.GROUP_EXECUTE);
        }
        if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
            permissions.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        Files.setPosixFilePermissions(path, permissions);
    }

    static void write(Repository repo, ObjectId commit, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        Files.createDirectories(root);
        try (RevWalk walk = new RevWalk(repo); TreeWalk tree = new TreeWalk(repo)) {
            RevCommit parsed = walk.parseCommit(commit);
            FileTime time = FileTime.fromMillis(parsed.getCommitTime() * 1000L);
            tree.addTree(parsed.getTree());
            while (tree.next()) {
                Path path = root.resolve(tree.getPathString()).normalize();
                if (!path.startsWith(root) || path.equals(root)) {
                    throw new IOException("the commit has a path outside its tree: " + tree.getPathString());
                }
                FileMode mode = tree.getFileMode(0);
                if (tree.isSubtree()) {
                    Files.createDirectories(path);
                    tree.enterSubtree();
                } else if (mode == FileMode.GITLINK) {
                    Files.createDirectories(path);
                } else if (mode == FileMode.SYMLINK) {
                    byte[] link = repo.open(tree.getObjectId(0)).getBytes();
                    Files.createSymbolicLink(path, Path.of(new String(link, StandardCharsets.UTF_8)));
                } else {
                    try (OutputStream out = Files.newOutputStream(path)) {
                        repo.open(tree.getObjectId(0)).copyTo(out);
                    }
                    if (mode == FileMode.EXECUTABLE_FILE) {
                        makeExecutable(path);
                    }
                    Files.setLastModifiedTime(path, time);
                }
            }
        }
    }
}
