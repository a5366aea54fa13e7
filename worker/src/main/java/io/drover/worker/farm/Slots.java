package io.drover.worker.farm;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;

/** At most {@code capacity} jobs at once: a job waits for a slot without holding a thread. Thread-safe. */
final class Slots {
    private final int capacity;
    private final Deque<CompletableFuture<Void>> waiting = new ArrayDeque<>();
    private int used;

    Slots(int capacity) {
        this.capacity = capacity;
    }

    /** Completes when the caller has a slot; give it back with {@link #release()}. */
    synchronized CompletableFuture<Void> acquire() {
        if (used < capacity) {
            used++;
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> slot = new CompletableFuture<>();
        waiting.add(slot);
        return slot;
    }

    void release() {
        CompletableFuture<Void> next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                used--;
            }
        }
        if (next != null) {
            // the slot passes to the next job as it is
            next.complete(null);
        }
    }

    synchronized int used() {
        return used;
    }
}
