package dev.wabridge.daemon.store.sqlite;

import dev.wabridge.daemon.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SQLite file: private, WAL, migrated once, all-or-nothing transactions, no self-deadlock. */
class SqliteDatabaseTest {
    @TempDir
    Path dir;

    private static final String INSERT_TOKEN = "INSERT INTO api_tokens(name, token_hash, token_prefix, scopes, created_at) "
            + "VALUES ('a', zeroblob(32), 'p', 'read', 'now')";

    @Test
    void createsOwnerOnlyFileInWalModeWithMigrationsRecorded() throws Exception {
        Path file = dir.resolve("sub/wabridge.db");
        try (SqliteDatabase db = SqliteDatabase.open(file)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals("wal", db.call(c -> Sql.one(c, "PRAGMA journal_mode", rs -> rs.getString(1)).orElseThrow()));
            List<String> applied = db.call(c -> Sql.list(c, "SELECT name FROM schema_migrations ORDER BY version",
                    rs -> rs.getString("name")));
            assertEquals(Migrations.load().stream().map(Migrations.Migration::name).toList(), applied);
        }
        // opening again applies nothing and keeps the data
        try (SqliteDatabase db = SqliteDatabase.open(file)) {
            assertEquals(Migrations.load().size(), (long) db.call(c -> Sql.number(c, "SELECT count(*) FROM schema_migrations")));
        }
    }

    @Test
    void existingLooseFileIsNarrowedTo0600() throws Exception {
        Path file = dir.resolve("loose.db");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        try (SqliteDatabase db = SqliteDatabase.open(file)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals(file.toString(), db.location());
        }
    }

    @Test
    void aChangedAppliedMigrationStopsTheStart() {
        Path file = dir.resolve("w.db");
        try (SqliteDatabase db = SqliteDatabase.open(file)) {
            db.call(c -> Sql.update(c, "UPDATE schema_migrations SET checksum = 'x' WHERE version = 1"));
        }
        StoreException e = assertThrows(StoreException.class, () -> SqliteDatabase.open(file));
        assertTrue(e.getMessage().contains("was changed after it was applied"), e.getMessage());
    }

    @Test
    void failedTransactionLeavesNothing() {
        try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("t.db"))) {
            assertThrows(StoreException.class, () -> db.transaction(c -> {
                Sql.update(c, INSERT_TOKEN);
                return Sql.update(c, "INSERT INTO nonexistent VALUES (1)");
            }));
            assertThrows(IllegalStateException.class, () -> db.inTransaction(tx -> {
                Sql.update(SqliteTx.connection(tx), INSERT_TOKEN);
                throw new IllegalStateException("a business rule refused");
            }));
            assertEquals(0, (long) db.call(c -> Sql.number(c, "SELECT count(*) FROM api_tokens")));
        }
    }

    @Test
    void aStoreCallFromInsideAStoreCallFailsInsteadOfWaitingForever() {
        try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("n.db"))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> db.inTransaction(tx -> db.call(c -> 1)));
            assertTrue(e.getMessage().contains("pass the Tx"), e.getMessage());
            db.ping(); // the store thread is still there
        }
    }

    @Test
    void splitsStatements() {
        assertEquals(2, Migrations.statements("-- c\nCREATE TABLE a (x);\n\nCREATE INDEX i ON a(x);\n").size());
    }
}
