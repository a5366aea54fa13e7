package io.drover.fmf;

import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * What says a file is unchanged since it was parsed: its size, modification time
 * (nanoseconds) and identity (device and inode on Unix). The status-change time would be
 * stronger still, but Java reads it only through the {@code unix:} attribute map, which
 * costs about three times as much as a plain stat for every file of the tree.
 */
record FileStamp(long size, long modified, long identity) {
    /** The stamp of a file with these attributes (read with symbolic links followed). */
    static FileStamp of(BasicFileAttributes attributes) {
        Object key = attributes.fileKey(); // (dev, ino) on Unix
        return new FileStamp(attributes.size(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                key == null ? 0 : key.hashCode());
    }

    /**
     * Whether the file was modified less than {@code nanos} before {@code nowNanos}. Such a
     * file may still change within the file system's timestamp granularity: a second write
     * in the same clock tick, with the same size, would keep this stamp. So it is parsed but
     * not cached (git's "racy" index entries, simplified).
     */
    boolean changedWithin(long nanos, long nowNanos) {
        return modified > nowNanos - nanos;
    }
}
