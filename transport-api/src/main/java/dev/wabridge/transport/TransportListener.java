package dev.wabridge.transport;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Receives a session's events. Called on transport threads: hand work off, never block. */
@FunctionalInterface
public interface TransportListener {
    void on(TransportEvent event);

    /**
     * An incoming message whose server acknowledgement waits for the daemon. The transport
     * calls this (instead of {@link #on}) after it stored the message's plaintext in the
     * {@code event-buffer} namespace in the same key-store transaction as the ratchet step,
     * and sends the ack to the server only when the returned stage completes normally: then
     * the daemon has committed the message. If it completes exceptionally (or never, because
     * the daemon stopped), the transport does not ack; the server delivers the stanza again,
     * and the transport answers it from the buffered plaintext, without a second ratchet step,
     * and calls this again with the same message id. The daemon's insert is idempotent by
     * message id, so the repeat completes normally.
     *
     * <p>The stage may complete on a daemon thread; the transport moves back to its own thread
     * before it touches its state. It must not block waiting for it.
     *
     * <p>The default is for listeners that keep nothing: they are done when {@link #on} returns.
     */
    default CompletionStage<Void> onIncoming(TransportEvent.IncomingMessage message) {
        on(message);
        return CompletableFuture.completedFuture(null);
    }
}
