package dev.wabridge.daemon;

import dev.wabridge.daemon.cli.MainRunner;
import dev.wabridge.daemon.scripted.ScriptedNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.wabridge.testkit.Eventually.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11, item 5: `wabridge backup FILE` while a burst of sends is being accepted and sent
 * gives a file that passes quick_check, in which every send is whole (its log row and its
 * credit rows, written in one transaction with it, are all there or none is), and that a
 * daemon starts on after the README's restore steps, with the old tokens.
 */
class BackupTest {
    @TempDir
    Path dir;

    @Test
    void aBackupTakenDuringABurstOfSendsRestoresToAConsistentStore() throws Exception {
        ScriptedNetwork.reset();
        Path data = dir.resolve("data");
        List<Path> backups = new ArrayList<>();
        String token;
        try (DaemonFixture fx = DaemonFixture.start(data, "transport", "scripted", "transport.auto_pair", "+3461000000{session}");
             McpTestClient mcp = new McpTestClient(fx.baseUrl(), fx.token)) {
            token = fx.token;
            long a = mcp.ok("connect_whatsapp", "label", "a").get("session_id").asLong();
            long b = mcp.ok("connect_whatsapp", "label", "b").get("session_id").asLong();
            until("connected", () -> Db.count(fx.database(), "SELECT count(*) FROM sessions WHERE status = 'connected'") == 2);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger accepted = new AtomicInteger();
            Thread burst = Thread.ofVirtual().start(() -> {
                for (int n = 0; !stop.get(); n++) {
                    mcp.ok("send_whatsapp_message", "session_id", n % 2 == 0 ? a : b, "phone", "+3460000" + String.format("%04d", n),
                            "message", "burst " + n, "wait_seconds", 0);
                    accepted.incrementAndGet();
                }
            });
            try {
                for (int i = 0; i < 3; i++) {
                    int before = accepted.get();
                    until("more sends accepted", () -> accepted.get() >= before + 20);
                    Path backup = dir.resolve("backup-" + i + ".db");
                    MainRunner.Run r = MainRunner.run("backup", backup.toString(), "--data-dir", data.toString());
                    assertEquals(0, r.code(), r.err());
                    assertTrue(r.out().contains("To restore"), r.out());
                    backups.add(backup);
                }
            } finally {
                stop.set(true);
                burst.join();
            }
            assertTrue(MainRunner.run("backup", backups.get(0).toString(), "--data-dir", data.toString()).err().contains("never overwrites"));
        }

        long previous = 0;
        for (Path backup : backups) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)));
            assertEquals("ok", Db.one(backup, "PRAGMA quick_check").values().iterator().next());
            long sends = Db.count(backup, "SELECT count(*) FROM outbox");
            assertTrue(sends >= previous + 20, "taken mid-burst, later ones hold more: " + sends);
            previous = sends;
            assertEquals(0, Db.count(backup, "SELECT count(*) FROM outbox o WHERE (SELECT count(*) FROM messages m "
                    + "WHERE m.outbox_id = o.id) != 1"), "every send has its log row");
            assertEquals(0, Db.count(backup, "SELECT count(*) FROM outbox o WHERE (SELECT count(*) FROM credit_ledger l "
                    + "WHERE l.outbox_id = o.id AND l.kind = 'reserve') != 1"), "every send reserved its credits once");
            assertEquals(0, Db.count(backup, "SELECT count(*) FROM outbox o WHERE o.status = 'sent' AND NOT EXISTS "
                    + "(SELECT 1 FROM credit_ledger l WHERE l.outbox_id = o.id AND l.kind = 'charge')"), "every sent one was charged");
            assertEquals(0, Db.count(backup, "SELECT count(*) FROM credit_ledger l WHERE l.outbox_id IS NOT NULL AND NOT EXISTS "
                    + "(SELECT 1 FROM outbox o WHERE o.id = l.outbox_id)"), "no credit row without its send");
        }

        // the README's restore: the backup in place of the database of a stopped daemon, then start
        Path restoredData = dir.resolve("restored");
        Files.createDirectories(restoredData);
        Files.copy(backups.get(2), restoredData.resolve("wabridge.db"));
        try (DaemonFixture restored = DaemonFixture.start(restoredData, "transport", "scripted");
             McpTestClient mcp = new McpTestClient(restored.baseUrl(), token)) {
            assertNull(restored.token, "no new admin token: the backup's tokens work");
            assertEquals(previous, Db.count(restored.database(), "SELECT count(*) FROM outbox"));
            assertTrue(mcp.ok("get_credits_info").json().toString().contains("available"));
        }
    }
}
