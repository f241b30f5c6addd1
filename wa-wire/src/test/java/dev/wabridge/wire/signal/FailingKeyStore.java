package dev.wabridge.wire.signal;

import dev.wabridge.transport.KeyStore;
import dev.wabridge.transport.SharedKeyStore;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A key store that throws on the next write to one namespace, as a disk error half-way through
 * a transaction would: the writes before it in the same transaction must vanish with it.
 * Everything else goes to the wrapped (transactional, in-memory) store.
 */
final class FailingKeyStore implements KeyStore {
    /** Shared by the store and the views it hands to transactions. */
    private static final class Trap {
        String namespace;
    }

    private final KeyStore delegate;
    private final Trap trap;

    FailingKeyStore(KeyStore delegate) {
        this(delegate, new Trap());
    }

    private FailingKeyStore(KeyStore delegate, Trap trap) {
        this.delegate = delegate;
        this.trap = trap;
    }

    /** The next put or putAll into {@code namespace} throws, once. */
    void failNextWriteTo(String namespace) {
        trap.namespace = namespace;
    }

    private void check(String namespace) {
        if (namespace.equals(trap.namespace)) {
            trap.namespace = null;
            throw new IllegalStateException("simulated store failure writing " + namespace);
        }
    }

    @Override
    public Optional<byte[]> get(String namespace, String key) {
        return delegate.get(namespace, key);
    }

    @Override
    public Map<String, byte[]> getMany(String namespace, Collection<String> keys) {
        return delegate.getMany(namespace, keys);
    }

    @Override
    public void put(String namespace, String key, byte[] value) {
        check(namespace);
        delegate.put(namespace, key, value);
    }

    @Override
    public void delete(String namespace, String key) {
        delegate.delete(namespace, key);
    }

    @Override
    public void deletePrefix(String namespace, String keyPrefix) {
        delegate.deletePrefix(namespace, keyPrefix);
    }

    @Override
    public List<String> keys(String namespace) {
        return delegate.keys(namespace);
    }

    @Override
    public List<String> keys(String namespace, String keyPrefix) {
        return delegate.keys(namespace, keyPrefix);
    }

    @Override
    public void putAll(String namespace, Map<String, byte[]> values) {
        check(namespace);
        delegate.putAll(namespace, values);
    }

    @Override
    public SharedKeyStore shared() {
        return delegate.shared();
    }

    @Override
    public <T> T transaction(Function<KeyStore, T> work) {
        return delegate.transaction(tx -> work.apply(new FailingKeyStore(tx, trap)));
    }

    @Override
    public void clear() {
        delegate.clear();
    }
}
