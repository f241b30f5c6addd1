package dev.wabridge.daemon.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outbox table: accepted sends and their state. Changes take the caller's {@link Tx}
 * because each one goes with changes to the message log, the ledger and a scheduled message
 * (the outbox service composes them). "Open" means queued or sending.
 */
public interface OutboxRepository {
    /** What is stored when a send is accepted; {@code scheduledId} is null for a direct send. */
    record NewSend(long sessionId, String phone, String text, String messageId, boolean campaign, int creditsReserved,
                   boolean archiveAfterSend, Long scheduledId, Instant createdAt) {
    }

    /** Stores a queued send; returns its id. */
    long insertQueued(Tx tx, NewSend send);

    Optional<OutboxRow> find(long id);

    Optional<OutboxRow> find(Tx tx, long id);

    /** The oldest open send of a session (a 'sending' one is back after a crash). */
    Optional<OutboxRow> oldestOpen(long sessionId);

    /** How many open sends of the session are ahead of this one. */
    int positionInQueue(long sessionId, long outboxId);

    /** Open sends of every session. */
    long openCount();

    long openCount(long sessionId);

    List<Long> openIds(Tx tx, long sessionId);

    /** Open -> sending, one more attempt. False when it is final already (the sender must not send it). */
    boolean claim(Tx tx, long id);

    /** Open -> sent at {@code sentAt}, error cleared. False when it was final already. */
    boolean markSent(Tx tx, long id, Instant sentAt);

    /** Open -> queued again with the reason of the failed attempt. */
    void markRetry(Tx tx, long id, String error);

    /**
     * Open -> queued again with the reason, and the attempt uncounted: WhatsApp limited the
     * number (a rate limit), not this message, so it must not use up the message's attempts.
     */
    void markRateLimited(Tx tx, long id, String error);

    /** Sets a final status and its reason; the caller checked it was open. */
    void markFinal(Tx tx, long id, OutboxStatus status, String error);

    /** Credits held by open sends. */
    long reservedCredits(Tx tx);

    /** Credits of sends acknowledged since {@code since}. */
    long creditsSpentSince(Tx tx, Instant since);
}
