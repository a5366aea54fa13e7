package io.drover.coordinator.store;

import io.drover.event.OutputChunk;
import io.drover.result.ArtifactLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes output chunks into the artifact root, each at its offset in its file
 * ({@code <root>/<run>/<plan>/<test>/attempt-<N>/<file>}, as {@link ArtifactLayout} lays attempts out), so writing
 * a chunk again changes nothing. The files written since the last {@link #sync} are kept open and are forced to disk
 * by it. A chunk whose names would lead outside its run's directory is refused. Without a root, chunks are only
 * placed, not written: the files are where the workers of this process wrote them. Not thread-safe.
 */
public final class ArtifactFiles implements AutoCloseable {
    private final Path root;
    private final Map<Path, FileChannel> open = new HashMap<>();

    /** Files go under {@code root}; null to only place them. */
    ArtifactFiles(Path root) {
        this.root = root == null ? null : root.toAbsolutePath().normalize();
    }

    /**
     * Where a chunk goes, relative to its run's directory; null when its run id is not one plain name or its other
     * names lead outside of the run's directory.
     */
    static Path relativePath(OutputChunk chunk) {
        if (runDir(Path.of(""), chunk.run()) == null) {
            return null;
        }
        Path file = ArtifactLayout.attemptDir(Path.of(""), chunk.plan(), chunk.test(), chunk.attempt())
                .resolve(chunk.file()).normalize();
        return file.isAbsolute() || file.toString().isEmpty() || file.startsWith("..") ? null : file;
    }

    /**
     * A run's directory under {@code root}; null for a run id that is not one plain name ({@code .} and {@code ..}
     * are none: they would name the root or what holds it).
     */
    public static Path runDir(Path root, String run) {
        Path name = Path.of(run).normalize();
        return name.getNameCount() != 1 || name.isAbsolute() || name.toString().isEmpty() || run.equals("..") ? null
                : root.resolve(name);
    }

    /** Writes a chunk at its offset; returns the file's path relative to its run's directory, or null if refused. */
    Path write(OutputChunk chunk) throws IOException {
        Path relative = relativePath(chunk);
        if (relative == null || root == null) {
            return relative;
        }
        Path file = root.resolve(chunk.run()).resolve(relative);
        FileChannel channel = open.get(file);
        if (channel == null) {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            open.put(file, channel);
        }
        ByteBuffer data = ByteBuffer.wrap(chunk.data());
        long at = chunk.offset();
        while (data.hasRemaining()) {
            at += channel.write(data, at);
        }
        return relative;
    }

    /** Forces what was written to disk and closes the files. */
    void sync() throws IOException {
        IOException failed = null;
        for (FileChannel channel : open.values()) {
            try (channel) {
                channel.force(false);
            } catch (IOException e) {
                failed = failed == null ? e : failed;
            }
        }
        open.clear();
        if (failed != null) {
            throw failed;
        }
    }

    @Override
    public void close() throws IOException {
        sync();
    }
}
