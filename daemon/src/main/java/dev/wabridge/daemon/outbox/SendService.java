package dev.wabridge.daemon.outbox;

import dev.wabridge.daemon.credits.CreditService;
import dev.wabridge.daemon.phone.PhoneNumbers;
import dev.wabridge.daemon.service.UserError;
import dev.wabridge.daemon.sessions.SessionManager;
import dev.wabridge.daemon.sessions.SessionRow;
import dev.wabridge.daemon.store.Database;
import dev.wabridge.daemon.time.TimeSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Accepting a send: phone check, opt-out check, credit reservation and the outbox row, in
 * that order and in one transaction, before anything goes to WhatsApp. Then it waits a
 * bounded time for the paced sender to get the server's ack.
 */
public final class SendService {
    private final Database db;
    private final SessionManager sessions;
    private final CreditService credits;
    private final OutboxRepository outbox;
    private final TimeSource time;
    // Callers waiting for their message's ack, completed from session sender threads.
    private final ConcurrentMap<Long, CompletableFuture<String>> waiters = new ConcurrentHashMap<>();

    public record Request(Long sessionId, String phone, String text, boolean campaign, boolean archiveAfterSend, Long scheduledId) {
    }

    public record Outcome(long outboxId, String messageId, long sessionId, String phone, String status, Instant sentAt,
                          Integer queuePosition, Instant expectedSendAt, int creditsReserved, String error, String note) {
    }

    public SendService(Database db, SessionManager sessions, CreditService credits, OutboxRepository outbox, TimeSource time) {
        this.db = db;
        this.sessions = sessions;
        this.credits = credits;
        this.outbox = outbox;
        this.time = time;
    }

    /** Called by a sender when a send is final. */
    public void finished(long outboxId, String status, String error) {
        CompletableFuture<String> waiter = waiters.remove(outboxId);
        if (waiter != null) {
            waiter.complete(status);
        }
    }

    private record Accepted(long outboxId, long sessionId) {
    }

    /** Validates and stores a send. Nothing is stored when it throws. */
    private Accepted accept(Request r) {
        long sessionId = sessions.resolve(r.sessionId());
        SessionRow session = sessions.get(sessionId);
        if (session.status().equals(SessionRow.LOGGED_OUT) || session.phone() == null) {
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
        long id = db.transaction(c -> {
            try (var ps = c.prepareStatement("SELECT status FROM sessions WHERE id = ?")) {
                ps.setLong(1, sessionId);
                try (var rs = ps.executeQuery()) {
                    if (!rs.next() || "logged_out".equals(rs.getString(1))) {
                        throw new UserError("Session " + sessionId + " was deleted or logged out meanwhile; nothing was stored");
                    }
                }
            }
            return OutboxRepository.insertAccepted(c, sessionId, phone, r.text(), messageId, r.campaign(), cost,
                    r.archiveAfterSend(), r.scheduledId(), now);
        });
        return new Accepted(id, sessionId);
    }

    /** Accepts, then waits up to {@code wait} for the ack. */
    public Outcome send(Request r, Duration wait) {
        Accepted accepted = accept(r);
        long id = accepted.outboxId();
        CompletableFuture<String> waiter = new CompletableFuture<>();
        waiters.put(id, waiter);
        sessions.wakeSender(accepted.sessionId());
        // The ack may have come between accept and registration.
        outbox.find(id).filter(o -> !o.status().equals("queued") && !o.status().equals("sending"))
                .ifPresent(o -> finished(id, o.status(), o.lastError()));
        try {
            if (!wait.isZero()) {
                waiter.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (TimeoutException e) {
            // still queued: reported below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            waiters.remove(id);
        }
        return outcome(id);
    }

    public Outcome outcome(long id) {
        OutboxRow o = outbox.find(id).orElseThrow();
        if (o.status().equals("sent")) {
            return new Outcome(id, o.messageId(), o.sessionId(), o.phone(), "sent", Instant.parse(o.sentAt()), null, null,
                    o.creditsReserved(), null, null);
        }
        if (o.status().equals("failed") || o.status().equals("cancelled")) {
            return new Outcome(id, o.messageId(), o.sessionId(), o.phone(), "failed", null, null, null, o.creditsReserved(),
                    o.lastError(), null);
        }
        int position = outbox.position(o.sessionId(), id);
        Duration interval = sessions.sendInterval();
        Instant eta = sessions.nextSlot(o.sessionId()).plus(interval.multipliedBy(position));
        String note = sessions.isConnected(o.sessionId()) ? null
                : "session " + o.sessionId() + " is not connected; the message is stored and leaves when it reconnects";
        return new Outcome(id, o.messageId(), o.sessionId(), o.phone(), "queued", null, position, eta, o.creditsReserved(),
                o.lastError(), note);
    }

    public Optional<OutboxRow> find(long id) {
        return outbox.find(id);
    }
}
