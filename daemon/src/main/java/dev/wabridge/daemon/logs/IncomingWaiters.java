package dev.wabridge.daemon.logs;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tool calls waiting for the next incoming message (wait_for_whatsapp_message). A waiter is
 * a future completed when a matching message has been committed to the log; the caller then
 * reads the log itself, so nothing is lost if two messages arrive at once. Completing only
 * signals: the session thread that publishes never blocks and never touches the store.
 */
public final class IncomingWaiters {
    /** What a waiter waits for; a null session or phone matches any. */
    private record Waiter(Long sessionId, String phone, CompletableFuture<Void> signal) {
        boolean matches(long session, String from) {
            return (sessionId == null || sessionId == session) && (phone == null || phone.equals(from));
        }
    }

    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();

    /**
     * Registers interest before the caller looks at the log, so a message committed between
     * the look and the wait still wakes it. Call {@link #forget} when done.
     */
    public CompletableFuture<Void> register(Long sessionId, String phone) {
        Waiter w = new Waiter(sessionId, phone, new CompletableFuture<>());
        waiters.add(w);
        return w.signal();
    }

    public void forget(CompletableFuture<Void> signal) {
        waiters.removeIf(w -> w.signal() == signal);
    }

    /** Called after an incoming message's row is committed. */
    public void published(long sessionId, String fromPhone) {
        for (Waiter w : waiters) {
            if (w.matches(sessionId, fromPhone)) {
                w.signal().complete(null);
            }
        }
    }
}
