package dev.wabridge.daemon.store.sqlite;

import dev.wabridge.daemon.store.MessageDirection;
import dev.wabridge.daemon.store.MessageRepository;
import dev.wabridge.daemon.store.MessageRow;
import dev.wabridge.daemon.store.MessageStatus;
import dev.wabridge.daemon.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The log keeps an incoming message once, and receipts only move an outgoing one forward. */
class SqliteMessageRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final String PHONE = "+34600000001";

    @TempDir
    Path dir;

    private static MessageStatus statusOf(MessageRepository messages, String messageId) {
        return messages.recent(MessageDirection.OUTGOING, 1L, T0.minusSeconds(1), 10).stream()
                .filter(m -> m.messageId().equals(messageId)).findFirst().orElseThrow().status();
    }

    @Test
    void anIncomingMessageIsLoggedOnceWhateverTimesItArrives() {
        try (Store store = SqliteStore.open(dir.resolve("m.db"))) {
            MessageRepository messages = store.messages();
            boolean first = store.database().inTransaction(tx -> messages.insertIncoming(tx, 1, "IN1", PHONE, "hi", T0));
            boolean again = store.database().inTransaction(tx -> messages.insertIncoming(tx, 1, "IN1", PHONE, "hi", T0));
            assertTrue(first);
            assertFalse(again, "WhatsApp delivered it again after a reconnect");
            List<MessageRow> logged = messages.recent(null, null, T0.minusSeconds(1), 10);
            assertEquals(1, logged.size());
            assertEquals(MessageDirection.INCOMING, logged.get(0).direction());
            assertEquals(MessageStatus.RECEIVED, logged.get(0).status());
            assertTrue(messages.anyOfSession(1));
            assertFalse(messages.anyOfSession(2));
        }
    }

    @Test
    void receiptsNeverMoveAMessageBackwards() {
        try (Store store = SqliteStore.open(dir.resolve("m.db"))) {
            MessageRepository messages = store.messages();
            store.database().inTransaction(tx -> {
                messages.insertOutgoing(tx, 1, PHONE, "hello", "OUT1", 7, T0);
                return null;
            });
            messages.markDelivered(1, "OUT1", T0);
            assertEquals(MessageStatus.QUEUED, statusOf(messages, "OUT1"), "no receipt before it was sent");

            store.database().inTransaction(tx -> {
                messages.markOutgoingSending(tx, 7);
                messages.markOutgoingSent(tx, 7, T0.plusSeconds(1));
                return null;
            });
            messages.markRead(1, "OUT1", T0.plusSeconds(5));
            assertEquals(MessageStatus.READ, statusOf(messages, "OUT1"));
            messages.markDelivered(1, "OUT1", T0.plusSeconds(6));
            assertEquals(MessageStatus.READ, statusOf(messages, "OUT1"), "a late delivery receipt does not undo read");
            assertEquals("hello", messages.textOf("OUT1").orElseThrow());
            assertEquals("hello", messages.lastOutgoingText().orElseThrow());
        }
    }
}
