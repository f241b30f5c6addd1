package dev.wabridge.testkit;

import dev.wabridge.transport.SharedKeyStore;

import java.util.function.Function;

/** The in-memory store all sessions of one {@link MemoryKeyStores} share. */
final class MemorySharedKeyStore extends MemoryKeyValues implements SharedKeyStore {
    MemorySharedKeyStore(MemoryKeyStores backing) {
        super(backing);
    }

    @Override
    public <T> T transaction(Function<SharedKeyStore, T> work) {
        return backing.inTransaction(tx -> work.apply(this));
    }
}
