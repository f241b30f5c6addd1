package dev.wabridge.sandbox;

import dev.wabridge.transport.KeyStore;
import dev.wabridge.transport.SharedKeyStore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The Signal state of one simulated phone, in memory: the same key-store contract the
 * transport's typed stores run on, so a phone uses exactly the Signal code a client does.
 * A transaction works on a copy that replaces the state when it returns (nothing of it stays
 * when it throws). Phones run on one thread; the lock only keeps API reads consistent.
 * Nothing survives the sandbox process: a phone that lost its sessions is repaired by the
 * retry receipts a real phone would send. Not testkit's MemoryKeyStore, though it does the
 * same: the sandbox ships in the product (run --sandbox) and testkit brings JUnit with it.
 */
final class PhoneKeys implements KeyStore {
    private TreeMap<String, byte[]> committed = new TreeMap<>();
    /** The copy a running transaction writes to; null outside one. */
    private TreeMap<String, byte[]> working;
    /** Made on first use (a phone never needs it; the contract requires it). */
    private PhoneShared shared;

    private TreeMap<String, byte[]> view() {
        return working != null ? working : committed;
    }

    private static String k(String ns, String key) {
        return ns + '\u0000' + key;
    }

    @Override
    public synchronized Optional<byte[]> get(String namespace, String key) {
        return Optional.ofNullable(view().get(k(namespace, key))).map(byte[]::clone);
    }

    @Override
    public synchronized Map<String, byte[]> getMany(String namespace, Collection<String> keys) {
        Map<String, byte[]> out = new HashMap<>();
        for (String key : keys) {
            byte[] v = view().get(k(namespace, key));
            if (v != null) {
                out.put(key, v.clone());
            }
        }
        return out;
    }

    @Override
    public synchronized void put(String namespace, String key, byte[] value) {
        view().put(k(namespace, key), value.clone());
    }

    @Override
    public synchronized void delete(String namespace, String key) {
        view().remove(k(namespace, key));
    }

    @Override
    public synchronized void deletePrefix(String namespace, String keyPrefix) {
        keys(namespace, keyPrefix).forEach(key -> view().remove(k(namespace, key)));
    }

    @Override
    public synchronized List<String> keys(String namespace) {
        return keys(namespace, "");
    }

    @Override
    public synchronized List<String> keys(String namespace, String keyPrefix) {
        String from = k(namespace, keyPrefix);
        List<String> out = new ArrayList<>();
        for (String full : view().tailMap(from, true).keySet()) {
            if (!full.startsWith(from)) {
                break;
            }
            out.add(full.substring(namespace.length() + 1));
        }
        return out;
    }

    @Override
    public synchronized void putAll(String namespace, Map<String, byte[]> values) {
        values.forEach((key, v) -> {
            if (v == null) {
                view().remove(k(namespace, key));
            } else {
                view().put(k(namespace, key), v.clone());
            }
        });
    }

    @Override
    public synchronized SharedKeyStore shared() {
        if (shared == null) {
            shared = new PhoneShared();
        }
        return shared;
    }

    @Override
    public synchronized <T> T transaction(Function<KeyStore, T> work) {
        if (working != null) {
            return work.apply(this); // nested: joins the running one
        }
        working = new TreeMap<>(committed);
        try {
            T result = work.apply(this);
            committed = working;
            return result;
        } finally {
            working = null;
        }
    }

    @Override
    public synchronized void clear() {
        view().clear();
    }

    /** A phone learns no LIDs of its own: an empty, non-transactional shared store. */
    private static final class PhoneShared implements SharedKeyStore {
        private final PhoneKeys store = new PhoneKeys();

        @Override
        public Optional<byte[]> get(String namespace, String key) {
            return store.get(namespace, key);
        }

        @Override
        public Map<String, byte[]> getMany(String namespace, Collection<String> keys) {
            return store.getMany(namespace, keys);
        }

        @Override
        public void put(String namespace, String key, byte[] value) {
            store.put(namespace, key, value);
        }

        @Override
        public void delete(String namespace, String key) {
            store.delete(namespace, key);
        }

        @Override
        public void deletePrefix(String namespace, String keyPrefix) {
            store.deletePrefix(namespace, keyPrefix);
        }

        @Override
        public List<String> keys(String namespace) {
            return store.keys(namespace);
        }

        @Override
        public List<String> keys(String namespace, String keyPrefix) {
            return store.keys(namespace, keyPrefix);
        }

        @Override
        public void putAll(String namespace, Map<String, byte[]> values) {
            store.putAll(namespace, values);
        }

        @Override
        public <T> T transaction(Function<SharedKeyStore, T> work) {
            return store.transaction(s -> work.apply(this));
        }
    }
}
