package dev.wabridge.testkit;

import dev.wabridge.transport.KeyStore;
import dev.wabridge.transport.SharedKeyStore;

import java.util.function.Function;

/**
 * A session's {@link KeyStore} in memory, for transport tests, benchmarks and tools that run
 * without the daemon's SQLite. Nothing survives the process. Transactional like the real
 * store (see {@link MemoryKeyStores}), so code that forgets a transaction fails here too.
 */
public final class MemoryKeyStore extends MemoryKeyValues implements KeyStore {

    /** A store of its own, with its own shared store: for tests of one session. */
    public MemoryKeyStore() {
        this(new MemoryKeyStores());
    }

    MemoryKeyStore(MemoryKeyStores backing) {
        super(backing);
    }

    @Override
    public SharedKeyStore shared() {
        return backing.shared();
    }

    @Override
    public <T> T transaction(Function<KeyStore, T> work) {
        return backing.inTransaction(tx -> work.apply(this));
    }

    @Override
    public void clear() {
        backing.inTransaction(tx -> {
            tx.clear(this);
            return null;
        });
    }

    /** True when this session holds no key (the shared store is not looked at). */
    public boolean isEmpty() {
        return backing.inTransaction(tx -> tx.isEmpty(this));
    }
}
