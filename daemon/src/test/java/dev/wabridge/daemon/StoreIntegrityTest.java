package dev.wabridge.daemon;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.wabridge.daemon.cli.MainRunner;
import dev.wabridge.daemon.datadir.DataDirectory;
import dev.wabridge.daemon.datadir.DataDirectoryException;
import dev.wabridge.daemon.scripted.ScriptedNetwork;
import dev.wabridge.daemon.store.StoreException;
import dev.wabridge.daemon.store.StoreFault;
import dev.wabridge.daemon.store.sqlite.SqliteDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Random;

import static dev.wabridge.testkit.Eventually.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11, item 5: a damaged, truncated, empty or missing database never runs and never
 * starts over, each refusal naming the file, the error and the way back; a full disk (SQLite's
 * max_page_count, the same SQLITE_FULL a full file system gives) is said in those words by the
 * tools, the log and the health check, and is over by itself once there is room.
 */
class StoreIntegrityTest {
    @TempDir
    Path dir;

    /** A data directory as a daemon leaves it after some use: tokens, templates over many pages; returns the admin token. */
    private String used(Path data) throws Exception {
        try (DaemonFixture fx = DaemonFixture.start(data)) {
            for (int i = 0; i < 40; i++) {
                fx.daemon.store().templates().save("t" + i, "general", "body " + i + " " + "x".repeat(3000), Instant.now());
            }
            return fx.token;
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static void assertTheWayBackIsNamed(String message, Path db) {
        assertTrue(message.contains(db.toString()), message);
        assertTrue(message.contains("restore your latest backup"), message);
        assertTrue(message.contains("Backup and restore"), message);
    }

    @Test
    void aDamagedLastPageStopsTheStartAndABackupBringsItBack() throws Exception {
        Path data = dir.resolve("data");
        String token = used(data);
        Path db = data.resolve("wabridge.db");
        Path backup = dir.resolve("backup.db");
        assertEquals(0, MainRunner.run("backup", backup.toString(), "--data-dir", data.toString()).code());

        long size = Files.size(db);
        byte[] garbage = new byte[4096];
        new Random(11).nextBytes(garbage);
        try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
            f.seek(size - 4096);
            f.write(garbage);
        }
        String damaged = sha256(db);
        StoreException e = assertThrows(StoreException.class, () -> DaemonFixture.start(data));
        assertEquals(StoreFault.DAMAGED, e.fault().orElseThrow());
        assertTrue(e.getMessage().contains("is damaged ("), e.getMessage());
        assertTheWayBackIsNamed(e.getMessage(), db);
        assertEquals(damaged, sha256(db), "the damaged file was left as it was");

        MainRunner.Run cli = MainRunner.run("run", "--data-dir", data.toString(), "--http-port", "0");
        assertEquals(1, cli.code());
        assertTrue(cli.err().contains("is damaged"), cli.err());

        // the way back the message gives: keep the damaged file, restore the backup, start
        Files.move(db, data.resolve("wabridge.db.damaged"));
        Files.copy(backup, db);
        try (DaemonFixture restored = DaemonFixture.start(data, "transport", "scripted")) {
            assertEquals(null, restored.token, "no new admin token: the old ones are back");
            try (McpTestClient mcp = new McpTestClient(restored.baseUrl(), token)) {
                assertEquals(40, mcp.ok("list_whatsapp_templates").get("count").asInt());
            }
        }
    }

    @Test
    void aTruncatedDatabaseStopsTheStart() throws Exception {
        Path data = dir.resolve("data");
        used(data);
        Path db = data.resolve("wabridge.db");
        try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        StoreException e = assertThrows(StoreException.class, () -> DaemonFixture.start(data));
        assertEquals(StoreFault.DAMAGED, e.fault().orElseThrow());
        assertTheWayBackIsNamed(e.getMessage(), db);
    }

    @Test
    void anEmptyOrMissingDatabaseInAUsedDirectoryNeverStartsOver() throws Exception {
        Path data = dir.resolve("data");
        used(data);
        Path db = data.resolve("wabridge.db");
        String firstToken = Files.readString(data.resolve("first-admin-token"));
        Files.write(db, new byte[0]);
        DataDirectoryException empty = assertThrows(DataDirectoryException.class, () -> DaemonFixture.start(data));
        assertTrue(empty.getMessage().contains("is empty (0 bytes)"), empty.getMessage());
        assertTrue(empty.getMessage().contains(DataDirectory.MARKER), empty.getMessage());
        assertTheWayBackIsNamed(empty.getMessage(), db);
        assertEquals(0, Files.size(db), "nothing was created in its place");
        assertEquals(firstToken, Files.readString(data.resolve("first-admin-token")), "no new admin token");

        Files.delete(db);
        DataDirectoryException missing = assertThrows(DataDirectoryException.class, () -> DaemonFixture.start(data));
        assertTrue(missing.getMessage().contains("is missing"), missing.getMessage());
        // nor do CLI commands create a new database there
        MainRunner.Run cli = MainRunner.run("credits", "show", "--data-dir", data.toString());
        assertEquals(1, cli.code());
        assertTrue(cli.err().contains("is missing"), cli.err());
        assertFalse(Files.exists(db));
    }

    @Test
    void aNewDirectoryStillStartsFresh() throws Exception {
        Path data = dir.resolve("fresh");
        Files.createDirectories(data);
        Files.write(data.resolve("wabridge.db"), new byte[0]); // e.g. created, then the first start was interrupted
        try (DaemonFixture fx = DaemonFixture.start(data)) {
            assertTrue(fx.token.startsWith("wab_"));
            assertTrue(Files.exists(data.resolve(DataDirectory.MARKER)));
        }
    }

    @Test
    void aFullDiskIsSaidInThoseWordsAndIsOverOnceThereIsRoom() throws Exception {
        ScriptedNetwork.reset();
        Logger storeLog = (Logger) LoggerFactory.getLogger(SqliteDatabase.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        storeLog.addAppender(logged);
        try (DaemonFixture fx = DaemonFixture.start(dir.resolve("data"), "transport", "scripted",
                "transport.auto_pair", "+3461000000{session}");
             McpTestClient mcp = new McpTestClient(fx.baseUrl(), fx.token)) {
            long session = mcp.ok("connect_whatsapp", "label", "s").get("session_id").asLong();
            until("connected", () -> "connected".equals(Db.one(fx.database(), "SELECT status FROM sessions").get("status")));
            mcp.ok("send_whatsapp_message", "session_id", session, "phone", "+34600000001", "message", "before", "wait_seconds", 0);
            long before = Db.count(fx.database(), "SELECT count(*) FROM outbox");

            maxPageCount(fx, -1); // no page may be added: the next growth fails with SQLITE_FULL
            McpTestClient.Result full = null;
            for (int i = 0; i < 5 && (full == null || !full.isError()); i++) {
                full = mcp.call("send_whatsapp_message", "session_id", session, "phone", "+34600000002",
                        "message", "y".repeat(60_000), "wait_seconds", 0);
            }
            assertTrue(full.isError(), full.text());
            assertTrue(full.text().contains("disk full"), full.text());
            assertTrue(full.text().contains("nothing of this request was stored"), full.text());
            JsonNode health = mcp.ok("get_whatsapp_health").json();
            assertEquals("down", health.get("status").asText(), health.toString());
            assertFalse(health.at("/store/ok").asBoolean());
            assertTrue(health.at("/store/error").asText().startsWith("disk full"), health.toString());
            assertTrue(logged.list.stream().anyMatch(e -> e.getFormattedMessage().contains("disk full")), "the log says the disk is full");

            maxPageCount(fx, 1_073_741_823); // room again
            McpTestClient.Result after = mcp.call("send_whatsapp_message", "session_id", session, "phone", "+34600000002",
                    "message", "y".repeat(60_000), "wait_seconds", 0);
            assertFalse(after.isError(), after.text());
            assertEquals("ok", mcp.ok("get_whatsapp_health").get("status").asText());
            assertEquals(before + 1, Db.count(fx.database(), "SELECT count(*) FROM outbox"), "nothing lost, nothing half-stored");
            assertTrue(logged.list.stream().anyMatch(e -> e.getFormattedMessage().contains("the disk full is over")));
        } finally {
            storeLog.detachAppender(logged);
        }
    }

    @Test
    void lowDiskSpaceIsSaidBeforeTheDiskIsFull() throws Exception {
        long freeMiB = Files.getFileStore(dir).getUsableSpace() >> 20;
        // a threshold above what this disk has free: health must say so, and be degraded
        try (DaemonFixture fx = DaemonFixture.start(dir.resolve("data"), "store.low_space_mb", Long.toString(freeMiB + 1024));
             McpTestClient mcp = new McpTestClient(fx.baseUrl(), fx.token)) {
            JsonNode health = mcp.ok("get_whatsapp_health").json();
            assertEquals("degraded", health.get("status").asText(), health.toString());
            assertTrue(health.at("/store/ok").asBoolean(), "still writable: the store works, it is only running out");
            assertTrue(health.at("/store/error").asText().startsWith("low disk space"), health.toString());
        }
        // the default threshold (100 MiB) on this disk: nothing to say
        try (DaemonFixture fx = DaemonFixture.start(dir.resolve("data2"));
             McpTestClient mcp = new McpTestClient(fx.baseUrl(), fx.token)) {
            JsonNode health = mcp.ok("get_whatsapp_health").json();
            assertFalse(health.at("/store/error").asText("").startsWith("low disk space"), health.toString());
        }
    }

    /** Sets SQLite's page limit on the daemon's own connection; -1 means "no more than now". */
    private static void maxPageCount(DaemonFixture fx, long pages) {
        fx.daemon.store().database().call(c -> {
            try (Statement s = c.createStatement()) {
                long limit = pages;
                if (pages < 0) {
                    try (var rs = s.executeQuery("PRAGMA page_count")) {
                        rs.next();
                        limit = rs.getLong(1);
                    }
                }
                s.execute("PRAGMA max_page_count = " + limit);
            }
            return null;
        });
    }
}
