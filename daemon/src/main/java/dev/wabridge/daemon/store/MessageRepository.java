package dev.wabridge.daemon.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The messages table: the log of both directions. An outgoing row follows its outbox row
 * (found by outbox id) inside the outbox's transactions; receipts only move it forward.
 */
public interface MessageRepository {
    /** Logs an accepted send as queued. */
    void insertOutgoing(Tx tx, long sessionId, String phone, String text, String messageId, long outboxId, Instant now);

    /** queued -> sending. */
    void markOutgoingSending(Tx tx, long outboxId);

    /** queued or sending -> sent at {@code sentAt}. */
    void markOutgoingSent(Tx tx, long outboxId, Instant sentAt);

    /** queued or sending -> queued with the reason of the failed attempt. */
    void markOutgoingRetry(Tx tx, long outboxId, String error);

    /** A final status and its reason, whatever the row's status was. */
    void markOutgoingFinal(Tx tx, long outboxId, MessageStatus status, String error);

    /** Logs an incoming message once; false when this WhatsApp id was logged already. */
    boolean insertIncoming(Tx tx, long sessionId, String messageId, String phone, String text, Instant at);

    /**
     * Logs, once, a text this account sent from another of its devices (typed on the phone):
     * outgoing and already sent, with no outbox row behind it. False when it was logged already.
     */
    boolean insertOwnSent(Tx tx, long sessionId, String messageId, String phone, String text, Instant at);

    /** Notes something that happened after the send on an outgoing message (its status stays). */
    void noteOutgoing(Tx tx, long outboxId, String note);

    /** An outgoing message reached the phone: sending or sent -> delivered. The message's phone when it moved. */
    Optional<String> markDelivered(long sessionId, String messageId, Instant at);

    /**
     * An outgoing message was read: sending, sent or delivered -> read (delivered_at filled
     * when missing). The message's phone when it moved.
     */
    Optional<String> markRead(long sessionId, String messageId, Instant at);

    /** Newest first, since {@code since}; a null direction or session means any. */
    List<MessageRow> recent(MessageDirection direction, Long sessionId, Instant since, int limit);

    /** The last {@code limit} messages with a phone, oldest first; a null session means any. */
    List<MessageRow> conversation(String phone, Long sessionId, int limit);

    /**
     * Messages logged after row {@code sinceId}, oldest first: the cursor of a polling client.
     * Row ids grow in commit order (one writer), so each row is returned exactly once across
     * successive calls. Null direction, session or phone means any.
     */
    List<MessageRow> after(long sinceId, MessageDirection direction, Long sessionId, String phone, int limit);

    /** The id of the newest row, 0 when the log is empty. */
    long lastId();

    /** The phones a session exchanged messages with, most recent conversation first. */
    List<String> recentPhones(long sessionId, int limit);

    /** The text of the message with this WhatsApp id. */
    Optional<String> textOf(String messageId);

    /** The text of the newest outgoing message. */
    Optional<String> lastOutgoingText();

    /** True when the session logged any message (it may have been deleted since). */
    boolean anyOfSession(long sessionId);
}
