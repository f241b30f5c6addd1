package dev.wabridge.testkit;

import dev.wabridge.transport.KeyValueStore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;

/**
 * The namespaced operations of an in-memory store, for both scopes (a session, the shared
 * store). Each runs as, or inside, a {@link MemoryTransaction}; values are copied in and out
 * so callers can never change what is stored.
 */
abstract class MemoryKeyValues implements KeyValueStore {
    final MemoryKeyStores backing;

    MemoryKeyValues(MemoryKeyStores backing) {
        this.backing = backing;
    }

    private MemoryKeyStores.Bucket bucket(String namespace) {
        return new MemoryKeyStores.Bucket(this, Objects.requireNonNull(namespace, "namespace"));
    }

    @Override
    public Optional<byte[]> get(String namespace, String key) {
        Objects.requireNonNull(key, "key");
        return backing.inTransaction(tx -> Optional.ofNullable(tx.read(bucket(namespace)).get(key)).map(byte[]::clone));
    }

    @Override
    public Map<String, byte[]> getMany(String namespace, Collection<String> keys) {
        return backing.inTransaction(tx -> {
            NavigableMap<String, byte[]> values = tx.read(bucket(namespace));
            Map<String, byte[]> out = new HashMap<>();
            for (String key : keys) {
                byte[] v = values.get(Objects.requireNonNull(key, "key"));
                if (v != null) {
                    out.put(key, v.clone());
                }
            }
            return out;
        });
    }

    @Override
    public void put(String namespace, String key, byte[] value) {
        Objects.requireNonNull(key, "key");
        byte[] copy = Objects.requireNonNull(value, "value (delete removes a key)").clone();
        backing.inTransaction(tx -> tx.write(bucket(namespace)).put(key, copy));
    }

    @Override
    public void delete(String namespace, String key) {
        Objects.requireNonNull(key, "key");
        backing.inTransaction(tx -> tx.write(bucket(namespace)).remove(key));
    }

    @Override
    public void deletePrefix(String namespace, String keyPrefix) {
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        backing.inTransaction(tx -> {
            // Keys with the prefix sort right after it, in one run: remove that run.
            Iterator<String> run = tx.write(bucket(namespace)).tailMap(keyPrefix, true).keySet().iterator();
            while (run.hasNext() && run.next().startsWith(keyPrefix)) {
                run.remove();
            }
            return null;
        });
    }

    @Override
    public List<String> keys(String namespace) {
        return keys(namespace, "");
    }

    @Override
    public List<String> keys(String namespace, String keyPrefix) {
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        return backing.inTransaction(tx -> {
            List<String> out = new ArrayList<>();
            for (String k : tx.read(bucket(namespace)).tailMap(keyPrefix, true).keySet()) {
                if (!k.startsWith(keyPrefix)) {
                    break;
                }
                out.add(k);
            }
            return out;
        });
    }

    @Override
    public void putAll(String namespace, Map<String, byte[]> values) {
        Map<String, byte[]> copies = new HashMap<>();
        values.forEach((k, v) -> copies.put(Objects.requireNonNull(k, "key"), v == null ? null : v.clone()));
        backing.inTransaction(tx -> {
            NavigableMap<String, byte[]> target = tx.write(bucket(namespace));
            copies.forEach((k, v) -> {
                if (v == null) {
                    target.remove(k);
                } else {
                    target.put(k, v);
                }
            });
            return null;
        });
    }
}
