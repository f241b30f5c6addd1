package dev.wabridge.daemon.outbox;

import dev.wabridge.daemon.credits.CreditService;
import dev.wabridge.daemon.optout.OptOutService;
import dev.wabridge.daemon.store.Database;
import dev.wabridge.daemon.store.MessageRepository;
import dev.wabridge.daemon.store.MessageStatus;
import dev.wabridge.daemon.store.OutboxRepository;
import dev.wabridge.daemon.store.OutboxRow;
import dev.wabridge.daemon.store.OutboxStatus;
import dev.wabridge.daemon.store.ScheduleRepository;
import dev.wabridge.daemon.store.ScheduleStatus;
import dev.wabridge.daemon.store.Tx;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The life of an accepted send. Every state change updates the outbox row, its message-log
 * row, the credit ledger and a linked scheduled message in one transaction, so they never
 * disagree after a crash. A send ends once: only an open row (queued or sending) can be
 * claimed, acknowledged or finished, so a late ack, a cancel and a logout racing each other
 * leave exactly one final ledger row.
 */
public final class OutboxService {
    private final Database db;
    private final OutboxRepository outbox;
    private final MessageRepository messages;
    private final ScheduleRepository schedules;
    private final CreditService credits;
    private final OptOutService optouts;

    public OutboxService(Database db, OutboxRepository outbox, MessageRepository messages, ScheduleRepository schedules,
                         CreditService credits, OptOutService optouts) {
        this.db = db;
        this.outbox = outbox;
        this.messages = messages;
        this.schedules = schedules;
        this.credits = credits;
        this.optouts = optouts;
    }

    /**
     * Within the caller's transaction: the one way a send is accepted. Refuses an opted-out
     * phone, stores the send, logs it as queued and reserves its credits (refusing when they
     * are short); a refusal throws before anything is kept.
     */
    public long accept(Tx tx, OutboxRepository.NewSend send) {
        optouts.requireNotOptedOut(tx, send.phone());
        long id = outbox.insertQueued(tx, send);
        messages.insertOutgoing(tx, send.sessionId(), send.phone(), send.text(), send.messageId(), id, send.createdAt());
        credits.reserve(tx, id, send.creditsReserved(), send.createdAt());
        return id;
    }

    public Optional<OutboxRow> find(long id) {
        return outbox.find(id);
    }

    public Optional<OutboxRow> find(Tx tx, long id) {
        return outbox.find(tx, id);
    }

    /** The oldest unfinished send of a session ('sending' ones come back after a crash). */
    public Optional<OutboxRow> nextPending(long sessionId) {
        return outbox.oldestOpen(sessionId);
    }

    /** How many sends of the session are ahead of this one. */
    public int position(long sessionId, long outboxId) {
        return outbox.positionInQueue(sessionId, outboxId);
    }

    /** Unfinished sends of all sessions. */
    public long depth() {
        return outbox.openCount();
    }

    public long pendingFor(long sessionId) {
        return outbox.openCount(sessionId);
    }

    /**
     * Claims the row for an attempt. False when it was finished meanwhile (cancelled, failed
     * after a logout or deletion): the sender must then not send it.
     */
    public boolean claim(long id) {
        return db.inTransaction(tx -> {
            if (!outbox.claim(tx, id)) {
                return false;
            }
            messages.markOutgoingSending(tx, id);
            return true;
        });
    }

    /** The server acknowledged it: sent, logged, a linked schedule sent, the reservation charged. A late ack of a final row changes nothing. */
    public void markSent(long id, Instant sentAt) {
        db.inTransaction(tx -> {
            if (!outbox.markSent(tx, id, sentAt)) {
                return null; // already final
            }
            messages.markOutgoingSent(tx, id, sentAt);
            schedules.markSentByOutbox(tx, id);
            credits.charge(tx, id, sentAt);
            return null;
        });
    }

    /** A retryable failure: back to queued, with the reason. */
    public void markRetry(long id, String error) {
        db.inTransaction(tx -> {
            outbox.markRetry(tx, id, error);
            messages.markOutgoingRetry(tx, id, error);
            return null;
        });
    }

    /** Something went wrong after a send went through (archive_after_send): said in the message log, the status stays sent. */
    public void noteAfterSend(long id, String note) {
        db.inTransaction(tx -> {
            messages.noteOutgoing(tx, id, note);
            return null;
        });
    }

    /** WhatsApp rate-limited the number: back to queued with the reason, the attempt not counted. */
    public void markRateLimited(long id, String error) {
        db.inTransaction(tx -> {
            outbox.markRateLimited(tx, id, error);
            messages.markOutgoingRetry(tx, id, error);
            return null;
        });
    }

    /** Final failure or cancellation: the reservation is released (refund). Returns false if already final. */
    public boolean finish(long id, OutboxStatus status, String error, Instant now) {
        return db.inTransaction(tx -> finish(tx, id, status, error, now));
    }

    /** {@link #finish(long, OutboxStatus, String, Instant)} inside the caller's transaction. */
    public boolean finish(Tx tx, long id, OutboxStatus status, String error, Instant now) {
        if (status != OutboxStatus.FAILED && status != OutboxStatus.CANCELLED) {
            throw new IllegalArgumentException("a send finishes as failed or cancelled, not " + status);
        }
        Optional<OutboxRow> row = outbox.find(tx, id);
        if (row.isEmpty() || !row.get().status().isOpen()) {
            return false;
        }
        outbox.markFinal(tx, id, status, error);
        messages.markOutgoingFinal(tx, id, status == OutboxStatus.CANCELLED ? MessageStatus.CANCELLED : MessageStatus.FAILED, error);
        schedules.markFinalByOutbox(tx, id, status == OutboxStatus.CANCELLED ? ScheduleStatus.CANCELLED : ScheduleStatus.FAILED, error);
        credits.release(tx, id, row.get().creditsReserved(), status.wire() + ": " + error, now);
        return true;
    }

    /** Every unfinished send of a session fails (it was logged out or deleted); returns how many. */
    public int failAllOf(long sessionId, String error, Instant now) {
        return db.inTransaction(tx -> {
            List<Long> ids = outbox.openIds(tx, sessionId);
            for (long id : ids) {
                finish(tx, id, OutboxStatus.FAILED, error, now);
            }
            return ids.size();
        });
    }
}
