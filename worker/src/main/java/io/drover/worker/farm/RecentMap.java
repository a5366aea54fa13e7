package io.drover.worker.farm;

import java.util.LinkedHashMap;
import java.util.Map;

/** A map that keeps the {@code limit} entries used last. Not thread-safe. */
final class RecentMap<K, V> extends LinkedHashMap<K, V> {
    private final int limit;

    RecentMap(int limit) {
        super(16, 0.75f, true);
        this.limit = limit;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > limit;
    }
}
