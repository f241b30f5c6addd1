package dev.wabridge.daemon.outbox;

import dev.wabridge.daemon.credits.CreditService;
import dev.wabridge.daemon.store.Database;
import dev.wabridge.daemon.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outbox's state changes are final exactly once, whatever order the racers come in. */
class OutboxRepositoryTest {
    @TempDir
    Path dir;

    private static long count(Database db, String sql) {
        return db.call(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private long accept(Database db) {
        Instant now = Instant.now();
        new CreditService(db, new CreditService.CreditCosts(500, 1000, 10_000)).grantStartingBalance(now);
        db.call(c -> c.createStatement().executeUpdate(
                "INSERT INTO sessions(id, label, status, created_at) VALUES (1, 's', 'connected', '" + now + "')"));
        return db.transaction(c -> OutboxRepository.insertAccepted(c, 1, "+34600000001", "hi", "3EB0X", false, 500, false, null, now));
    }

    @Test
    void aSendCancelledWhileWaitingForItsSlotIsNotClaimedBySender() {
        try (Database db = Database.open(dir.resolve("o.db"))) {
            OutboxRepository outbox = new OutboxRepository(db);
            long id = accept(db);
            assertTrue(outbox.markFinal(id, "cancelled", "cancelled on request", Instant.now()));
            assertFalse(outbox.markSending(id), "the sender must not revive a cancelled row");
            assertEquals("cancelled", outbox.find(id).orElseThrow().status());
            outbox.markSent(id, Instant.now()); // a late ack changes nothing
            assertEquals("cancelled", outbox.find(id).orElseThrow().status());
            assertEquals(1, count(db, "SELECT count(*) FROM credit_ledger WHERE outbox_id = " + id + " AND kind = 'release'"));
            assertEquals(0, count(db, "SELECT count(*) FROM credit_ledger WHERE outbox_id = " + id + " AND kind = 'charge'"));
            assertEquals(10_000, count(db, "SELECT sum(amount) FROM credit_ledger"), "reserve and release cancel out");
        }
    }

    @Test
    void aSecondFinalLedgerRowIsRefusedByTheStore() {
        try (Database db = Database.open(dir.resolve("o.db"))) {
            long id = accept(db);
            new OutboxRepository(db).markSent(id, Instant.now());
            assertThrows(StoreException.class, () -> db.transaction(c -> {
                CreditService.release(c, id, 500, "again", Instant.now());
                return null;
            }));
            assertEquals(10_000 - 500, count(db, "SELECT sum(amount) FROM credit_ledger"));
        }
    }
}
