package dev.wabridge.daemon.outbox;

import dev.wabridge.daemon.Db;
import dev.wabridge.daemon.credits.CreditService;
import dev.wabridge.daemon.optout.OptOutService;
import dev.wabridge.daemon.store.OutboxRepository;
import dev.wabridge.daemon.store.OutboxStatus;
import dev.wabridge.daemon.store.Store;
import dev.wabridge.daemon.store.StoreException;
import dev.wabridge.daemon.store.sqlite.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outbox's state changes are final exactly once, whatever order the racers come in. */
class OutboxServiceTest {
    @TempDir
    Path dir;

    private long count(String sql) {
        return Db.count(dir.resolve("o.db"), sql);
    }

    private static OutboxService outbox(Store store) {
        CreditService credits = new CreditService(store.database(), store.credits(), store.outbox(),
                new CreditService.CreditCosts(500, 1000, 10_000));
        credits.grantStartingBalance(Instant.now());
        return new OutboxService(store.database(), store.outbox(), store.messages(), store.schedules(), credits,
                new OptOutService(store.optouts(), Set.of("STOP")));
    }

    private static long accept(Store store, OutboxService outbox) {
        Instant now = Instant.now();
        store.sessions().create("s", now);
        return store.database().inTransaction(tx -> outbox.accept(tx,
                new OutboxRepository.NewSend(1, "+34600000001", "hi", "3EB0X", false, 500, false, null, now)));
    }

    @Test
    void aSendCancelledWhileWaitingForItsSlotIsNotClaimedBySender() {
        try (Store store = SqliteStore.open(dir.resolve("o.db"))) {
            OutboxService outbox = outbox(store);
            long id = accept(store, outbox);
            assertTrue(outbox.finish(id, OutboxStatus.CANCELLED, "cancelled on request", Instant.now()));
            assertFalse(outbox.claim(id), "the sender must not revive a cancelled row");
            assertEquals(OutboxStatus.CANCELLED, outbox.find(id).orElseThrow().status());
            outbox.markSent(id, Instant.now()); // a late ack changes nothing
            assertEquals(OutboxStatus.CANCELLED, outbox.find(id).orElseThrow().status());
            assertEquals(1, count("SELECT count(*) FROM credit_ledger WHERE outbox_id = " + id + " AND kind = 'release'"));
            assertEquals(0, count("SELECT count(*) FROM credit_ledger WHERE outbox_id = " + id + " AND kind = 'charge'"));
            assertEquals(10_000, count("SELECT sum(amount) FROM credit_ledger"), "reserve and release cancel out");
        }
    }

    @Test
    void aSecondFinalLedgerRowIsRefusedByTheStore() {
        try (Store store = SqliteStore.open(dir.resolve("o.db"))) {
            OutboxService outbox = outbox(store);
            long id = accept(store, outbox);
            outbox.markSent(id, Instant.now());
            assertThrows(StoreException.class, () -> store.database().inTransaction(tx -> {
                store.credits().release(tx, id, 500, "again", Instant.now());
                return null;
            }));
            assertEquals(10_000 - 500, count("SELECT sum(amount) FROM credit_ledger"));
        }
    }
}
