package dev.wabridge.daemon.outbox;

import dev.wabridge.daemon.credits.CreditService;
import dev.wabridge.daemon.errors.UserError;
import dev.wabridge.daemon.phone.PhoneNumbers;
import dev.wabridge.daemon.store.Database;
import dev.wabridge.daemon.store.OutboxRepository;
import dev.wabridge.daemon.store.OutboxRow;
import dev.wabridge.daemon.store.OutboxStatus;
import dev.wabridge.daemon.store.SessionRepository;
import dev.wabridge.daemon.store.SessionRow;
import dev.wabridge.daemon.store.SessionStatus;
import dev.wabridge.daemon.store.Tx;
import dev.wabridge.daemon.time.TimeSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Accepting a send: phone check, opt-out check, credit reservation and the outbox row, in
 * that order and in one transaction, before anything goes to WhatsApp. Then it waits a
 * bounded time for the paced sender to get the server's ack.
 */
public final class SendService {
    private final Database db;
    private final SessionGate sessions;
    private final SessionRepository sessionRows;
    private final OutboxService outbox;
    private final CreditService credits;
    private final SendOutcomes outcomes;
    private final TimeSource time;

    public record Request(Long sessionId, String phone, String text, boolean campaign, boolean archiveAfterSend, Long scheduledId) {
    }

    /** What the caller hears: sent, failed (a cancellation included) or queued with its place and eta. */
    public record Outcome(long outboxId, String messageId, long sessionId, String phone, OutboxStatus status, Instant sentAt,
                          Integer queuePosition, Instant expectedSendAt, int creditsReserved, String error, String note) {
    }

    public SendService(Database db, SessionGate sessions, SessionRepository sessionRows, OutboxService outbox, CreditService credits,
                       SendOutcomes outcomes, TimeSource time) {
        this.db = db;
        this.sessions = sessions;
        this.sessionRows = sessionRows;
        this.outbox = outbox;
        this.credits = credits;
        this.outcomes = outcomes;
        this.time = time;
    }

    private record Accepted(long outboxId, long sessionId) {
    }

    /** Validates and stores a send. Nothing is stored when it throws. */
    private Accepted accept(Request r) {
        SessionRow session = sessions.resolve(r.sessionId());
        long sessionId = session.id();
        if (session.status() == SessionStatus.LOGGED_OUT || session.phone() == null) {
            throw new UserError("Session " + sessionId + " is " + session.status() + (session.phone() == null ? " and was never linked" : "")
                    + "; link it (connect_whatsapp / reconnect_whatsapp) before sending");
        }
        String phone = PhoneNumbers.require(r.phone());
        if (r.text() == null || r.text().isEmpty()) {
            throw new UserError("The message is empty");
        }
        int cost = credits.costOf(r.campaign());
        String messageId = sessions.newMessageId(sessionId);
        Instant now = time.now();
        long id = db.inTransaction(tx -> {
            requireStillLinked(tx, sessionId);
            return outbox.accept(tx, new OutboxRepository.NewSend(sessionId, phone, r.text(), messageId, r.campaign(), cost,
                    r.archiveAfterSend(), r.scheduledId(), now));
        });
        return new Accepted(id, sessionId);
    }

    /** The checks above ran outside the transaction: a deletion or logout since then refuses the send. */
    private void requireStillLinked(Tx tx, long sessionId) {
        Optional<SessionStatus> status = sessionRows.status(tx, sessionId);
        if (status.isEmpty() || status.get() == SessionStatus.LOGGED_OUT) {
            throw new UserError("Session " + sessionId + " was deleted or logged out meanwhile; nothing was stored");
        }
    }

    /** Accepts, then waits up to {@code wait} for the ack. */
    public Outcome send(Request r, Duration wait) {
        Accepted accepted = accept(r);
        long id = accepted.outboxId();
        CompletableFuture<OutboxStatus> waiter = outcomes.expect(id);
        sessions.wake(accepted.sessionId());
        // The ack may have come between accept and registration.
        outbox.find(id).filter(o -> !o.status().isOpen()).ifPresent(o -> outcomes.finished(id, o.status(), o.lastError()));
        try {
            if (!wait.isZero()) {
                waiter.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (TimeoutException e) {
            // still queued: reported below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            outcomes.forget(id);
        }
        return outcome(id);
    }

    public Outcome outcome(long id) {
        OutboxRow o = outbox.find(id).orElseThrow();
        if (o.status() == OutboxStatus.SENT) {
            return new Outcome(id, o.messageId(), o.sessionId(), o.phone(), OutboxStatus.SENT, Instant.parse(o.sentAt()), null, null,
                    o.creditsReserved(), null, null);
        }
        if (!o.status().isOpen()) {
            return new Outcome(id, o.messageId(), o.sessionId(), o.phone(), OutboxStatus.FAILED, null, null, null, o.creditsReserved(),
                    o.lastError(), null);
        }
        int position = outbox.position(o.sessionId(), id);
        Duration interval = sessions.sendInterval();
        Instant eta = sessions.nextSlot(o.sessionId()).plus(interval.multipliedBy(position));
        String note = sessions.isConnected(o.sessionId()) ? null
                : "session " + o.sessionId() + " is not connected; the message is stored and leaves when it reconnects";
        return new Outcome(id, o.messageId(), o.sessionId(), o.phone(), OutboxStatus.QUEUED, null, position, eta, o.creditsReserved(),
                o.lastError(), note);
    }

    public Optional<OutboxRow> find(long id) {
        return outbox.find(id);
    }
}
