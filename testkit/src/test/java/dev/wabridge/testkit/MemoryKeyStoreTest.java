package dev.wabridge.testkit;

import dev.wabridge.transport.KeyStore;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The in-memory store keeps the key-store contract, plus what only it offers. */
class MemoryKeyStoreTest extends KeyStoreContract {
    private final MemoryKeyStores stores = new MemoryKeyStores();

    @Override
    protected KeyStore openSession(long sessionId) {
        return stores.session(sessionId);
    }

    @Test
    void oneIdIsOneStore() {
        assertSame(stores.session(4), stores.session(4));
    }

    @Test
    void isEmptyLooksAtThisSessionOnly() {
        MemoryKeyStore store = new MemoryKeyStore();
        assertTrue(store.isEmpty());
        store.shared().put("lid-mapping", "1", new byte[] {1});
        assertTrue(store.isEmpty());
        store.put("creds", "k", new byte[0]);
        assertFalse(store.isEmpty());
        store.clear();
        assertTrue(store.isEmpty());
    }
}
