package io.drover.tree;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.TagOpt;

/**
 * A bare repository holding what was fetched from one URL: its branches and tags, and the remote's HEAD. Not
 * thread-safe: {@link GitCheckouts} holds the URL's lock around it.
 */
final class GitMirror implements AutoCloseable {
    private static final int TIMEOUT_SECONDS = 120;
    private static final String HEAD_REF = "refs/drover/remote-head";

    private final String url;
    private final Repository repo;

    private GitMirror(String url, Repository repo) {
        this.url = url;
        this.repo = repo;
    }

    /** Opens the mirror in {@code dir}, creating an empty one if there is none. */
    static GitMirror open(String url, Path dir) throws IOException {
        if (!Files.isDirectory(dir.resolve("objects"))) {
            try {
                Git.init().setBare(true).setDirectory(dir.toFile()).call().close();
            } catch (GitAPIException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        return new GitMirror(url, new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build());
    }

    Repository repository() {
        return repo;
    }

    /**
     * Brings the branches and tags up to date (and the remote's HEAD when asked); answers the remote's HEAD commit,
     * or null when it was not asked for.
     */
    ObjectId fetchRefs(boolean head) throws GitAPIException {
        List<RefSpec> specs = new ArrayList<>(List.of(new RefSpec("+refs/heads/*:refs/heads/*"),
                new RefSpec("+refs/tags/*:refs/tags/*")));
        if (head) {
            specs.add(new RefSpec("+HEAD:" + HEAD_REF));
        }
        FetchResult result = fetch().setRefSpecs(specs).setRemoveDeletedRefs(true).call();
        Ref remoteHead = result.getAdvertisedRef("HEAD");
        return head && remoteHead != null ? remoteHead.getObjectId() : null;
    }

    /** Fetches one ref by its full name, into the same name here. */
    void fetchRef(String ref) throws GitAPIException {
        fetch().setRefSpecs(new RefSpec("+" + ref + ":" + ref)).call();
    }

    /** Fetches one commit by its id, for servers that give commits no branch or tag points at. */
    void fetchCommit(ObjectId commit) throws GitAPIException {
        fetch().setRefSpecs(new RefSpec("+" + commit.name() + ":refs/drover/commits/" + commit.name())).call();
    }

    private FetchCommand fetch() {
        return Git.wrap(repo).fetch().setRemote(url).setTagOpt(TagOpt.NO_TAGS).setTimeout(TIMEOUT_SECONDS)
                .setTransportConfigCallback(transport -> {
                    if (transport instanceof SshTransport ssh) {
                        ssh.setSshSessionFactory(OpenSshSessions.INSTANCE);
                    }
                });
    }

    /** The commit {@code ref} names here (a branch, a tag, a commit id or a prefix of one), or null. */
    ObjectId resolve(String ref) throws IOException {
        try {
            return repo.resolve(ref + "^{commit}");
        } catch (RevisionSyntaxException e) {
            return null;
        } catch (org.eclipse.jgit.errors.MissingObjectException e) {
            return null;
        }
    }

    /** Whether the commit's objects are here. */
    boolean has(ObjectId commit) {
        try {
            return repo.getObjectDatabase().has(commit) && repo.parseCommit(commit) != null;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        repo.close();
    }
}
