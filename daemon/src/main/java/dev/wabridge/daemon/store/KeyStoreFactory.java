package dev.wabridge.daemon.store;

import dev.wabridge.transport.KeyStore;

/**
 * Where the key store of a session comes from. Session code asks this interface instead of
 * constructing the SQLite implementation, so a PostgreSQL store can stand beside it.
 */
public interface KeyStoreFactory {
    /**
     * The key store of one session, with the store all sessions share behind
     * {@link KeyStore#shared()}. Cheap: it may be called again for the same id, and every
     * store it returns sees the same data.
     */
    KeyStore forSession(long sessionId);
}
