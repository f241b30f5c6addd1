package dev.wabridge.daemon.store.sqlite;

import dev.wabridge.transport.KeyStore;
import dev.wabridge.transport.SharedKeyStore;

import java.util.function.Function;

/**
 * One session's key store on the daemon's SQLite file (table {@code key_material}; the file is
 * 0600). A transaction runs its work on the store thread inside one database transaction, so
 * a ratchet step, the prekey it used and a phone-LID mapping commit together.
 */
final class SqliteKeyStore extends SqliteKeyValues implements KeyStore {
    private final SharedKeyStore shared;

    SqliteKeyStore(KeyTransactions transactions, long sessionId, SharedKeyStore shared) {
        super(transactions, KeyTable.session(sessionId));
        this.shared = shared;
    }

    @Override
    public SharedKeyStore shared() {
        return shared;
    }

    @Override
    public <T> T transaction(Function<KeyStore, T> work) {
        return transactions.transaction(() -> work.apply(this));
    }

    @Override
    public void clear() {
        transactions.write(c -> {
            table.clear(c);
            return null;
        });
    }
}
