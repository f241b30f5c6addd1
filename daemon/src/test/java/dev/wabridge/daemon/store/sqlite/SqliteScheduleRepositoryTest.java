package dev.wabridge.daemon.store.sqlite;

import dev.wabridge.daemon.store.ScheduleRepository;
import dev.wabridge.daemon.store.ScheduleStatus;
import dev.wabridge.daemon.store.ScheduledMessage;
import dev.wabridge.daemon.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Only a waiting message (pending, not yet in the outbox) is due, dispatched, cancelled with
 * its session or failed as missed: the guards the scheduler's races rely on.
 */
class SqliteScheduleRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    Path dir;

    private static long schedule(Store store, long sessionId, Instant at) {
        return store.database().inTransaction(tx -> store.schedules().insertPending(tx, sessionId, "+34600000001", "hi", null,
                false, at, T0)).id();
    }

    @Test
    void aDispatchLosesToACancelThatCameFirst() {
        try (Store store = SqliteStore.open(dir.resolve("s.db"))) {
            ScheduleRepository schedules = store.schedules();
            long cancelled = schedule(store, 1, T0);
            long dispatched = schedule(store, 1, T0.plusSeconds(1));
            assertEquals(List.of(cancelled, dispatched), schedules.dueIds(T0.plusSeconds(1), 100));
            assertEquals(Optional.of(T0), schedules.oldestWaiting());

            store.database().inTransaction(tx -> {
                schedules.markCancelled(tx, cancelled, "cancelled on request");
                return null;
            });
            boolean late = store.database().inTransaction(tx -> schedules.attachOutbox(tx, cancelled, 41));
            boolean onTime = store.database().inTransaction(tx -> schedules.attachOutbox(tx, dispatched, 42));
            assertFalse(late, "a cancelled message is not handed to the outbox");
            assertTrue(onTime);
            boolean twice = store.database().inTransaction(tx -> schedules.attachOutbox(tx, dispatched, 43));
            assertFalse(twice, "a message goes to the outbox once");

            ScheduledMessage inOutbox = schedules.find(dispatched).orElseThrow();
            assertEquals(ScheduleStatus.PENDING, inOutbox.status(), "pending until its send is acknowledged");
            assertEquals(42L, inOutbox.outboxId());
            assertTrue(schedules.dueIds(T0.plusSeconds(60), 100).isEmpty());
            assertTrue(schedules.oldestWaiting().isEmpty());

            store.database().inTransaction(tx -> {
                schedules.markSentByOutbox(tx, 42);
                return null;
            });
            assertEquals(ScheduleStatus.SENT, schedules.find(dispatched).orElseThrow().status());
            assertEquals(1, schedules.list(ScheduleStatus.CANCELLED, 1L, 10).size());
            assertEquals(2, schedules.list(null, null, 10).size());
        }
    }

    @Test
    void missedAndSessionDeletionTouchOnlyWaitingMessages() {
        try (Store store = SqliteStore.open(dir.resolve("s.db"))) {
            ScheduleRepository schedules = store.schedules();
            long missed = schedule(store, 1, T0.minusSeconds(7200));
            long inOutbox = schedule(store, 1, T0.minusSeconds(7200));
            long later = schedule(store, 1, T0.plusSeconds(3600));
            long otherSession = schedule(store, 2, T0.plusSeconds(3600));
            store.database().inTransaction(tx -> schedules.attachOutbox(tx, inOutbox, 9));

            assertEquals(1, schedules.failWaitingBefore(T0.minusSeconds(3600), "missed"));
            assertEquals(ScheduleStatus.FAILED, schedules.find(missed).orElseThrow().status());
            assertEquals("missed", schedules.find(missed).orElseThrow().error());
            assertEquals(ScheduleStatus.PENDING, schedules.find(inOutbox).orElseThrow().status(), "its send decides");

            schedules.cancelWaitingOfSession(1, "session deleted");
            assertEquals(ScheduleStatus.CANCELLED, schedules.find(later).orElseThrow().status());
            assertEquals(ScheduleStatus.PENDING, schedules.find(inOutbox).orElseThrow().status());
            assertEquals(ScheduleStatus.PENDING, schedules.find(otherSession).orElseThrow().status());

            schedules.failIfPending(missed, "again");
            assertEquals("missed", schedules.find(missed).orElseThrow().error(), "a final message keeps its reason");
            assertTrue(schedules.anyOfSession(2));
            assertFalse(schedules.anyOfSession(3));
        }
    }
}
