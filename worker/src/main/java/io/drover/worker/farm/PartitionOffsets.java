package io.drover.worker.farm;

import java.util.TreeSet;

/**
 * The jobs of one partition on this worker, by offset: jobs of different SUTs end out of order, and the
 * offset to commit is the oldest job not ended yet (or past the newest when all have), so a worker that
 * dies loses no job that had not ended. Pure; used from the poll thread only.
 */
final class PartitionOffsets {
    private final TreeSet<Long> unfinished = new TreeSet<>();
    private long next = -1;
    private long committed = -1;

    /** A record was read at {@code offset}. */
    void received(long offset) {
        unfinished.add(offset);
        next = Math.max(next, offset + 1);
    }

    /** The record at {@code offset} is done with (its job ended, or it was skipped). */
    void finished(long offset) {
        unfinished.remove(offset);
    }

    /** The offset to commit (where a new owner starts reading), or -1 when it would not move the last commit. */
    long toCommit() {
        long position = unfinished.isEmpty() ? next : unfinished.first();
        return position > committed ? position : -1;
    }

    void committed(long offset) {
        committed = Math.max(committed, offset);
    }

    /** A commit did not make it (a rebalance was going on): the next {@link #toCommit} tries again. */
    void commitFailed() {
        committed = -1;
    }

    /** How many records were read and are not done with. */
    int unfinished() {
        return unfinished.size();
    }
}
