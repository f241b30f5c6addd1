package dev.wabridge.daemon.outbox;

import dev.wabridge.daemon.optout.OptOutService;
import dev.wabridge.daemon.store.OutboxRow;
import dev.wabridge.daemon.store.OutboxStatus;
import dev.wabridge.daemon.time.TimeSource;
import dev.wabridge.transport.SendAck;
import dev.wabridge.transport.TransportException;
import dev.wabridge.transport.TransportSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * The paced send loop of one session, on its own thread. It owns the pacing clock: a send
 * starts no sooner than {@code interval} after the previous one started (every attempt
 * counts, so retries cannot burst). Work comes from the outbox table, oldest first, so what
 * was queued before a crash is sent after it, with the message id chosen at acceptance.
 *
 * <p>The session's actor creates one per linked number and gives it the transport and the
 * connected flag; the rest is the outbox's business, so it lives here.
 */
public final class PacedSender implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(PacedSender.class);
    static final int MAX_ATTEMPTS = 8;
    /** The reason of a send the server never acknowledged; a second one in a row fails the send. */
    static final String NO_ACK = "no server ack";

    private final long sessionId;
    private final TransportSession transport;
    private final BooleanSupplier connected;
    private final OutboxService outbox;
    private final OptOutService optouts;
    private final TimeSource time;
    private final Duration interval;
    private final Duration ackTimeout;
    private final OutcomeListener outcomes;
    private final SendLimiter limits;
    private final Object signal = new Object();
    private boolean signalled;
    private volatile boolean stopped;
    private volatile Instant lastSendStartedAt = Instant.EPOCH;
    private volatile Thread thread;

    /** Told when a send reaches a final state. */
    public interface OutcomeListener {
        void finished(long outboxId, OutboxStatus status, String error);
    }

    /** The pace and patience of every session's sender, and its first pause after a rate limit. */
    public record Timing(Duration interval, Duration ackTimeout, Duration rateLimitPause) {
    }

    public PacedSender(long sessionId, TransportSession transport, BooleanSupplier connected, OutboxService outbox,
                       OptOutService optouts, TimeSource time, Timing timing, SendLimiter limits, OutcomeListener outcomes) {
        this.sessionId = sessionId;
        this.transport = transport;
        this.connected = connected;
        this.outbox = outbox;
        this.optouts = optouts;
        this.time = time;
        this.interval = timing.interval();
        this.ackTimeout = timing.ackTimeout();
        this.outcomes = outcomes;
        this.limits = limits;
    }

    public void start() {
        thread = Thread.ofVirtual().name("sender-" + sessionId).start(this);
    }

    public void wake() {
        synchronized (signal) {
            signalled = true;
            signal.notifyAll();
        }
    }

    public void stop() {
        stopped = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    /** The earliest instant the next send may start (a rate-limit pause included). */
    public Instant nextSlot() {
        Instant now = time.now();
        Instant slot = later(lastSendStartedAt.plus(interval), now);
        Instant paused = limits.pausedUntil(now);
        return paused == null ? slot : later(paused, slot);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    @Override
    public void run() {
        while (!stopped) {
            try {
                step();
            } catch (InterruptedException e) {
                if (stopped) {
                    return;
                }
            } catch (RuntimeException e) {
                log.error("session {}: send loop error; retrying in 1 s", sessionId, e);
                await(1000);
            }
        }
    }

    private void step() throws InterruptedException {
        if (!connected.getAsBoolean()) {
            await(1000);
            return;
        }
        Optional<OutboxRow> next = outbox.nextPending(sessionId);
        if (next.isEmpty()) {
            await(5000);
            return;
        }
        OutboxRow row = next.get();
        if (optouts.isOptedOut(row.phone())) {
            finish(row, OutboxStatus.FAILED, "recipient opted out before the message left the queue; credits refunded");
            return;
        }
        if (row.attempts() >= MAX_ATTEMPTS) {
            finish(row, OutboxStatus.FAILED, "gave up after " + row.attempts() + " attempts: " + row.lastError() + "; credits refunded");
            return;
        }
        Instant slot = lastSendStartedAt.plus(interval);
        if (row.attempts() > 0 && row.lastError() != null) {
            // Backoff after a failed attempt: 2, 4, 8 ... up to 60 s (never less than the pace).
            Instant backoff = lastSendStartedAt.plus(Duration.ofSeconds(Math.min(60, 1L << row.attempts())));
            slot = later(backoff, slot);
        }
        Instant paused = limits.pausedUntil(time.now());
        if (paused != null) {
            slot = later(paused, slot); // WhatsApp rate-limited the number: every send waits
        }
        time.sleepUntil(slot);
        if (!connected.getAsBoolean()) {
            return;
        }
        if (!outbox.claim(row.id())) {
            return; // cancelled or failed while we waited for the slot
        }
        lastSendStartedAt = time.now();
        try {
            SendAck ack = transport.sendText(row.messageId(), row.phone(), row.text()).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
            outbox.markSent(row.id(), ack.serverTimestamp() == null ? time.now() : ack.serverTimestamp());
            outcomes.finished(row.id(), OutboxStatus.SENT, null);
            limits.onSent();
            if (row.archiveAfterSend()) {
                transport.archiveChat(row.phone(), true).whenComplete((ok, failure) -> {
                    if (failure != null) {
                        String why = failure instanceof CompletionException ce && ce.getCause() != null
                                ? ce.getCause().getMessage() : failure.getMessage();
                        log.warn("session {}: archiving the chat with {} after send failed: {}", sessionId, row.phone(), why);
                        // said where the caller looks (the message log), off the transport's thread
                        Thread.ofVirtual().start(() -> outbox.noteAfterSend(row.id(), "sent; archiving the chat afterwards failed: " + why));
                    }
                });
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TransportException te && te.limit() == TransportException.Limit.RATE) {
                Instant until = limits.onRateLimited(time.now());
                log.warn("session {}: WhatsApp rate-limited this number ({} in a row); every send waits until {}", sessionId,
                        limits.limits().strikes(), until);
                outbox.markRateLimited(row.id(), te.getMessage() + "; sends paused until " + until);
            } else if (cause instanceof TransportException te && te.limit() == TransportException.Limit.RESTRICTION) {
                log.warn("session {}: WhatsApp restricts this number (message to {} refused): {}", sessionId, row.phone(),
                        te.getMessage());
                limits.onRestricted(te.getMessage(), time.now());
                finish(row, OutboxStatus.FAILED, te.getMessage() + "; credits refunded");
            } else if (cause instanceof TransportException te && !te.retryable()) {
                finish(row, OutboxStatus.FAILED, te.getMessage() + "; credits refunded");
            } else {
                outbox.markRetry(row.id(), String.valueOf(cause.getMessage()));
            }
        } catch (TimeoutException e) {
            // The server may have it: one resend carries the same id, which the recipient dedupes;
            // a second silence is a failure the caller hears about (and is refunded), not a loop.
            if (row.lastError() != null && row.lastError().startsWith(NO_ACK)) {
                finish(row, OutboxStatus.FAILED, NO_ACK + " after a resend with the same id (" + ackTimeout.toSeconds()
                        + " s each); credits refunded");
            } else {
                outbox.markRetry(row.id(), NO_ACK + " within " + ackTimeout.toSeconds() + " s; resending once with the same id");
            }
        }
    }

    private void finish(OutboxRow row, OutboxStatus status, String error) {
        if (outbox.finish(row.id(), status, error, time.now())) {
            outcomes.finished(row.id(), status, error);
        }
    }

    private void await(long millis) {
        synchronized (signal) {
            if (!signalled) {
                try {
                    signal.wait(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            signalled = false;
        }
        if (Thread.interrupted() && stopped) {
            Thread.currentThread().interrupt();
        }
    }
}
