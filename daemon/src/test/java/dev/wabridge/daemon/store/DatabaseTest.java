package dev.wabridge.daemon.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.ResultSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseTest {
    @TempDir
    Path dir;

    @Test
    void createsOwnerOnlyFileInWalModeWithMigrationsRecorded() throws Exception {
        Path file = dir.resolve("sub/wabridge.db");
        try (Database db = Database.open(file)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals("wal", db.call(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
                    rs.next();
                    return rs.getString(1);
                }
            }));
            List<String> applied = db.call(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT name FROM schema_migrations ORDER BY version")) {
                    List<String> names = new java.util.ArrayList<>();
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                    return names;
                }
            });
            assertEquals(Migrations.load().stream().map(Migrations.Migration::name).toList(), applied);
        }
        // opening again applies nothing and keeps the data
        try (Database db = Database.open(file)) {
            assertEquals(Migrations.load().size(), (int) db.call(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM schema_migrations")) {
                    rs.next();
                    return rs.getInt(1);
                }
            }));
        }
    }

    @Test
    void existingLooseFileIsNarrowedTo0600() throws Exception {
        Path file = dir.resolve("loose.db");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        try (Database ignored = Database.open(file)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
    }

    @Test
    void aChangedAppliedMigrationStopsTheStart() throws Exception {
        Path file = dir.resolve("w.db");
        try (Database db = Database.open(file)) {
            db.call(c -> c.createStatement().executeUpdate("UPDATE schema_migrations SET checksum = 'x' WHERE version = 1"));
        }
        StoreException e = assertThrows(StoreException.class, () -> Database.open(file));
        assertTrue(e.getMessage().contains("was changed after it was applied"), e.getMessage());
    }

    @Test
    void failedTransactionLeavesNothing() throws Exception {
        try (Database db = Database.open(dir.resolve("t.db"))) {
            assertThrows(StoreException.class, () -> db.transaction(c -> {
                c.createStatement().executeUpdate("INSERT INTO api_tokens(name, token_hash, token_prefix, scopes, created_at) "
                        + "VALUES ('a', zeroblob(32), 'p', 'read', 'now')");
                return c.createStatement().executeUpdate("INSERT INTO nonexistent VALUES (1)");
            }));
            assertEquals(0, (int) db.call(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM api_tokens")) {
                    rs.next();
                    return rs.getInt(1);
                }
            }));
        }
    }

    @Test
    void splitsStatements() {
        assertEquals(2, Migrations.statements("-- c\nCREATE TABLE a (x);\n\nCREATE INDEX i ON a(x);\n").size());
    }
}
