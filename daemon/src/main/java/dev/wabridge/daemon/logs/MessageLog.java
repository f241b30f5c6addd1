package dev.wabridge.daemon.logs;

import dev.wabridge.daemon.store.ContactRepository;
import dev.wabridge.daemon.store.Database;
import dev.wabridge.daemon.store.MessageDirection;
import dev.wabridge.daemon.store.MessageRepository;
import dev.wabridge.daemon.store.Tx;
import dev.wabridge.daemon.store.MessageRow;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The message log, both directions: queries, incoming messages, receipts. The outgoing rows
 * are written by the outbox service, in step with their sends.
 */
public final class MessageLog {
    private final Database db;
    private final MessageRepository messages;
    private final ContactRepository contacts;
    private volatile IncomingHook incomingHook = IncomingHook.NONE;

    public MessageLog(Database db, MessageRepository messages, ContactRepository contacts) {
        this.db = db;
        this.messages = messages;
        this.contacts = contacts;
    }

    /**
     * Stores an incoming message once (WhatsApp may deliver it again after a reconnect) and
     * remembers its sender's push name, together. True when it was new.
     */
    public boolean recordIncoming(long sessionId, String messageId, String phone, String pushName, String text, Instant at) {
        return db.inTransaction(tx -> {
            boolean inserted = messages.insertIncoming(tx, sessionId, messageId, phone, text, at);
            contacts.recordSeen(tx, sessionId, phone, pushName, at);
            if (inserted) {
                incomingHook.stored(tx, sessionId, messageId, phone, pushName, text, at);
            }
            return inserted;
        });
    }

    /** Work that must commit with a new incoming message (the webhook queue), in its transaction. */
    @FunctionalInterface
    public interface IncomingHook {
        IncomingHook NONE = (tx, sessionId, messageId, phone, pushName, text, at) -> { };

        void stored(Tx tx, long sessionId, String messageId, String phone, String pushName, String text, Instant at);
    }

    /** Set once at start, before any session runs. */
    public void onIncomingStored(IncomingHook hook) {
        this.incomingHook = hook;
    }

    /** Logs a text typed on another of this account's devices as outgoing, once. True when it was new. */
    public boolean recordOwnSent(long sessionId, String messageId, String phone, String text, Instant at) {
        return db.inTransaction(tx -> messages.insertOwnSent(tx, sessionId, messageId, phone, text, at));
    }

    /** Moves an outgoing message forward to delivered or read; never backwards. Its phone when it moved. */
    public Optional<String> applyReceipt(long sessionId, String messageId, boolean read, Instant at) {
        return read ? messages.markRead(sessionId, messageId, at) : messages.markDelivered(sessionId, messageId, at);
    }

    /** Newest first. {@code direction} null means both. */
    public List<MessageRow> recent(MessageDirection direction, Long sessionId, Instant since, int limit) {
        return messages.recent(direction, sessionId, since, limit);
    }

    /** The last {@code limit} messages with a phone, oldest first. */
    public List<MessageRow> conversation(String phone, Long sessionId, int limit) {
        return messages.conversation(phone, sessionId, limit);
    }

    /** Rows after the cursor {@code sinceId}, oldest first (see {@link MessageRepository#after}). */
    public List<MessageRow> after(long sinceId, MessageDirection direction, Long sessionId, String phone, int limit) {
        return messages.after(sinceId, direction, sessionId, phone, limit);
    }

    /** The newest row's id: the cursor that skips everything logged so far. */
    public long lastId() {
        return messages.lastId();
    }

    /** The phones a session talked with, most recent first. */
    public List<String> recentPhones(long sessionId, int limit) {
        return messages.recentPhones(sessionId, limit);
    }

    /** Text of an outgoing message by WhatsApp id, or of the newest outgoing message when id is null. */
    public Optional<String> outgoingText(String messageId) {
        return messageId == null ? messages.lastOutgoingText() : messages.textOf(messageId);
    }

    /** True when the session logged any message (it may have been deleted since). */
    public boolean hasHistory(long sessionId) {
        return messages.anyOfSession(sessionId);
    }
}
