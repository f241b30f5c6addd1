package dev.wabridge.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A KeyStore in memory: for transport tests, benchmarks and tools that run without the
 * daemon's SQLite. Nothing survives the process.
 */
public final class MemoryKeyStore implements KeyStore {
    private final Map<String, byte[]> values = new ConcurrentHashMap<>();

    @Override
    public Optional<byte[]> get(String namespace, String key) {
        return Optional.ofNullable(values.get(namespace + "/" + key)).map(byte[]::clone);
    }

    @Override
    public void put(String namespace, String key, byte[] value) {
        values.put(namespace + "/" + key, value.clone());
    }

    @Override
    public void delete(String namespace, String key) {
        values.remove(namespace + "/" + key);
    }

    @Override
    public List<String> keys(String namespace) {
        List<String> out = new ArrayList<>();
        values.keySet().forEach(k -> {
            if (k.startsWith(namespace + "/")) {
                out.add(k.substring(namespace.length() + 1));
            }
        });
        return out;
    }

    @Override
    public synchronized void putAll(String namespace, Map<String, byte[]> entries) {
        entries.forEach((k, v) -> {
            if (v == null) {
                delete(namespace, k);
            } else {
                put(namespace, k, v);
            }
        });
    }

    @Override
    public void clear() {
        values.clear();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }
}
