package io.drover.tree;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/** Real git repositories for tests, made with JGit; reach them by {@link #url}. Shared with other modules' tests. */
public final class TestRepos {
    private final Git git;
    private final Path dir;

    private TestRepos(Git git, Path dir) {
        this.git = git;
        this.dir = dir;
    }

    /** A new repository in {@code dir} whose HEAD is branch {@code main}. */
    public static TestRepos init(Path dir) {
        try {
            return new TestRepos(Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call(), dir);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A minimal fmf tree: {@code .fmf/version}, one plan per entry (name to its fmf body) and tests. */
    public static Map<String, String> fmfTree(Map<String, String> plans, Map<String, String> tests) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(".fmf/version", "1\n");
        plans.forEach((name, body) -> files.put("plans" + name + ".fmf", body));
        tests.forEach((name, body) -> files.put("tests" + name + ".fmf", body));
        return files;
    }

    public Path dir() {
        return dir;
    }

    /** {@code file:///...}, as a run names the repository. */
    public String url() {
        return dir.toUri().toString();
    }

    /** Writes the files (path to content; null deletes) and commits them on the current branch; the commit id. */
    public String commit(Map<String, String> files, String message) {
        try {
            for (var file : files.entrySet()) {
                Path path = dir.resolve(file.getKey());
                if (file.getValue() == null) {
                    Files.deleteIfExists(path);
                } else {
                    Files.createDirectories(path.getParent());
                    Files.writeString(path, file.getValue());
                }
            }
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            return git.commit().setMessage(message).setAuthor("Test", "test@example.com")
                    .setCommitter("Test", "test@example.com").call().name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public void branch(String name) {
        try {
            git.branchCreate().setName(name).call();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    public void switchTo(String branch) {
        try {
            git.checkout().setName(branch).call();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A lightweight tag, or an annotated one when {@code annotated}. */
    public void tag(String name, boolean annotated) {
        try {
            var tag = git.tag().setName(name).setAnnotated(annotated);
            if (annotated) {
                tag.setMessage("tag " + name).setTagger(new PersonIdent("Test", "test@example.com"));
            }
            tag.call();
        } catch (GitAPIException e) {
            throw new IllegalStateException(e);
        }
    }
}
