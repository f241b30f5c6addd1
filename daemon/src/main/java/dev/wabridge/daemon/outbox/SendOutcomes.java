package dev.wabridge.daemon.outbox;

import dev.wabridge.daemon.store.OutboxStatus;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Meets tool calls waiting for their message's ack with the senders that get it. Created
 * before both sides, so neither holds a reference back to the other.
 */
public final class SendOutcomes implements PacedSender.OutcomeListener {
    // Registered by request threads, completed from session sender threads.
    private final ConcurrentMap<Long, CompletableFuture<OutboxStatus>> waiters = new ConcurrentHashMap<>();

    /** A future completed when the send with this outbox id becomes final. */
    CompletableFuture<OutboxStatus> expect(long outboxId) {
        CompletableFuture<OutboxStatus> waiter = new CompletableFuture<>();
        waiters.put(outboxId, waiter);
        return waiter;
    }

    /** The caller stopped waiting. */
    void forget(long outboxId) {
        waiters.remove(outboxId);
    }

    @Override
    public void finished(long outboxId, OutboxStatus status, String error) {
        CompletableFuture<OutboxStatus> waiter = waiters.remove(outboxId);
        if (waiter != null) {
            waiter.complete(status);
        }
    }
}
