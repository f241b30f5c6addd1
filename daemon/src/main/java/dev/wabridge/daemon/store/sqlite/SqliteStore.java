package dev.wabridge.daemon.store.sqlite;

import dev.wabridge.daemon.store.Store;

import java.nio.file.Path;

/** Opens the SQLite file and builds every repository on it: the one place that picks SQLite. */
public final class SqliteStore {
    private SqliteStore() {
    }

    public static Store open(Path file) {
        return on(SqliteDatabase.open(file));
    }

    /** The repositories on an open database. */
    public static Store on(SqliteDatabase db) {
        return new Store(db, new SqliteSessionRepository(db), new SqliteOutboxRepository(db), new SqliteMessageRepository(db),
                new SqliteContactRepository(db), new SqliteScheduleRepository(db), new SqliteTemplateRepository(db),
                new SqliteOptOutRepository(db), new SqliteCreditLedger(), new SqliteTokenRepository(db),
                new SqliteWebhookQueue(db));
    }
}
