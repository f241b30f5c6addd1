package dev.wabridge.testkit;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The writes of one open in-memory transaction: a copy of each namespace it changed, swapped
 * into the committed state only on commit. Reads look at the copies first, so a transaction
 * sees its own writes and nobody else sees them before the commit.
 */
final class MemoryTransaction {
    private final Map<MemoryKeyStores.Bucket, NavigableMap<String, byte[]>> committed;
    private final Map<MemoryKeyStores.Bucket, NavigableMap<String, byte[]>> written = new HashMap<>();

    MemoryTransaction(Map<MemoryKeyStores.Bucket, NavigableMap<String, byte[]>> committed) {
        this.committed = committed;
    }

    /** The namespace as this transaction sees it; do not change the map. */
    NavigableMap<String, byte[]> read(MemoryKeyStores.Bucket bucket) {
        NavigableMap<String, byte[]> mine = written.get(bucket);
        if (mine != null) {
            return mine;
        }
        return committed.getOrDefault(bucket, Collections.emptyNavigableMap());
    }

    /** The transaction's own copy of the namespace, to change. */
    NavigableMap<String, byte[]> write(MemoryKeyStores.Bucket bucket) {
        return written.computeIfAbsent(bucket, b -> new TreeMap<>(committed.getOrDefault(b, Collections.emptyNavigableMap())));
    }

    /** Empties every namespace of one owner. */
    void clear(Object owner) {
        Set<MemoryKeyStores.Bucket> buckets = new HashSet<>(committed.keySet());
        buckets.addAll(written.keySet());
        for (MemoryKeyStores.Bucket b : buckets) {
            if (b.owner() == owner) {
                written.put(b, new TreeMap<>());
            }
        }
    }

    /** True when no namespace of the owner holds a key. */
    boolean isEmpty(Object owner) {
        Set<MemoryKeyStores.Bucket> buckets = new HashSet<>(committed.keySet());
        buckets.addAll(written.keySet());
        return buckets.stream().filter(b -> b.owner() == owner).allMatch(b -> read(b).isEmpty());
    }

    void commit() {
        written.forEach((bucket, values) -> {
            if (values.isEmpty()) {
                committed.remove(bucket);
            } else {
                committed.put(bucket, values);
            }
        });
        written.clear();
    }
}
