package dev.wabridge.daemon.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The scheduled_messages table. A pending message "waits" until it is handed to the outbox
 * (its outbox id set); after that it follows its send (see the outbox service).
 */
public interface ScheduleRepository {
    /** Stores a pending message; returns it as stored. */
    ScheduledMessage insertPending(Tx tx, long sessionId, String phone, String text, String template, boolean campaign,
                                   Instant scheduledAt, Instant now);

    Optional<ScheduledMessage> find(long id);

    Optional<ScheduledMessage> find(Tx tx, long id);

    /** By time, then id; a null status or session means any. */
    List<ScheduledMessage> list(ScheduleStatus status, Long sessionId, int limit);

    /** Ids of waiting messages due at {@code now}, oldest first. */
    List<Long> dueIds(Instant now, int limit);

    /** When the oldest waiting message is due, if one waits. */
    Optional<Instant> oldestWaiting();

    /** Fails every message still waiting that was due before {@code cutoff}; returns how many. */
    int failWaitingBefore(Instant cutoff, String error);

    /** Hands a waiting message to the outbox. False when it is no longer pending and waiting (cancelled meanwhile). */
    boolean attachOutbox(Tx tx, long id, long outboxId);

    /** Cancels a message that has not reached the outbox; the caller checked it is pending. */
    void markCancelled(Tx tx, long id, String reason);

    /** Fails a message if it is still pending. */
    void failIfPending(long id, String reason);

    /** Cancels the waiting messages of a session (it was deleted). */
    void cancelWaitingOfSession(long sessionId, String reason);

    /** Its send was acknowledged. */
    void markSentByOutbox(Tx tx, long outboxId);

    /** Its send ended without an ack: failed or cancelled, with the reason. */
    void markFinalByOutbox(Tx tx, long outboxId, ScheduleStatus status, String error);

    /** True when the session ever scheduled a message (it may have been deleted since). */
    boolean anyOfSession(long sessionId);
}
