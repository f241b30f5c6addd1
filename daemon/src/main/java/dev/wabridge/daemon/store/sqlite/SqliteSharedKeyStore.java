package dev.wabridge.daemon.store.sqlite;

import dev.wabridge.transport.SharedKeyStore;

import java.util.function.Function;

/** The key store all sessions share (table {@code shared_key_material}, migration V004). */
final class SqliteSharedKeyStore extends SqliteKeyValues implements SharedKeyStore {
    SqliteSharedKeyStore(KeyTransactions transactions) {
        super(transactions, KeyTable.shared());
    }

    @Override
    public <T> T transaction(Function<SharedKeyStore, T> work) {
        return transactions.transaction(() -> work.apply(this));
    }
}
