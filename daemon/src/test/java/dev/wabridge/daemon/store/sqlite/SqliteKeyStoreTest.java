package dev.wabridge.daemon.store.sqlite;

import dev.wabridge.daemon.store.Database;
import dev.wabridge.testkit.KeyStoreContract;
import dev.wabridge.transport.KeyStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SQLite key store keeps the key-store contract, plus what depends on the daemon's database. */
class SqliteKeyStoreTest extends KeyStoreContract {
    @TempDir
    Path dir;
    private Database db;
    private SqliteKeyStores stores;

    @Override
    protected KeyStore openSession(long sessionId) {
        if (db == null) {
            db = SqliteDatabase.open(dir.resolve("keys.db"));
            stores = new SqliteKeyStores(db);
        }
        createSessionRow(sessionId); // key_material references sessions(id)
        return stores.forSession(sessionId);
    }

    private void createSessionRow(long sessionId) {
        db.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO sessions(id, label, status, created_at) "
                    + "VALUES (?, 'test', 'disconnected', '2026-01-01T00:00:00Z')")) {
                ps.setLong(1, sessionId);
                return ps.executeUpdate();
            }
        });
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void keysSurviveReopeningTheDatabase() {
        openSession(1).put("creds", "identity", "id".getBytes(StandardCharsets.UTF_8));
        openSession(1).shared().put("lid-mapping", "1", "lid".getBytes(StandardCharsets.UTF_8));
        db.close();
        db = null;
        KeyStore reopened = openSession(1);
        assertArrayEquals("id".getBytes(StandardCharsets.UTF_8), reopened.get("creds", "identity").orElseThrow());
        assertArrayEquals("lid".getBytes(StandardCharsets.UTF_8), reopened.shared().get("lid-mapping", "1").orElseThrow());
    }

    @Test
    void deletingASessionRowDeletesItsKeysButNotTheSharedOnes() {
        KeyStore store = openSession(1);
        store.put("creds", "identity", new byte[] {1});
        store.shared().put("lid-mapping", "1", new byte[] {2});
        db.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sessions WHERE id = 1")) {
                return ps.executeUpdate();
            }
        });
        assertEquals(List.of(), store.keys("creds"));
        assertTrue(store.shared().get("lid-mapping", "1").isPresent());
    }

    /** The store thread waiting for itself would hang the daemon; the store says so instead. */
    @Test
    void aKeyStoreCallFromOtherStoreWorkFailsInsteadOfDeadlocking() {
        KeyStore store = openSession(1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> db.call(c -> store.get("creds", "x")));
        assertTrue(e.getMessage().contains("deadlock"), e.getMessage());
        assertTrue(store.get("creds", "x").isEmpty(), "the store still works afterwards");
    }

    /** The database rolls back on runtime exceptions only; an Error thrown by the work must not commit its half. */
    @Test
    void anErrorInTheWorkRollsBackAndReachesTheCaller() {
        KeyStore store = openSession(1);
        AssertionError thrown = new AssertionError("a failed check inside the work");
        AssertionError caught = assertThrows(AssertionError.class, () -> store.transaction(tx -> {
            tx.put("creds", "half", new byte[] {1});
            throw thrown;
        }));
        assertSame(thrown, caught);
        assertTrue(store.get("creds", "half").isEmpty());
        store.put("creds", "after", new byte[] {2});
        assertTrue(store.get("creds", "after").isPresent(), "the connection is back in auto-commit");
    }
}
