package dev.wabridge.daemon.store.sqlite;

import dev.wabridge.daemon.store.Database;
import dev.wabridge.daemon.store.KeyStoreFactory;
import dev.wabridge.transport.KeyStore;
import dev.wabridge.transport.SharedKeyStore;

/**
 * The key stores of every session on one SQLite database. They share one
 * {@link KeyTransactions} (a transaction belongs to the connection, so a session's work may
 * write the shared store, or even another session's keys, in the same commit) and one shared
 * store.
 */
public final class SqliteKeyStores implements KeyStoreFactory {
    private final KeyTransactions transactions;
    private final SharedKeyStore shared;

    public SqliteKeyStores(Database db) {
        this.transactions = new KeyTransactions(db);
        this.shared = new SqliteSharedKeyStore(transactions);
    }

    @Override
    public KeyStore forSession(long sessionId) {
        return new SqliteKeyStore(transactions, sessionId, shared);
    }

    public SharedKeyStore shared() {
        return shared;
    }
}
