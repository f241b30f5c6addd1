package dev.wabridge.transport.web.services;

import dev.wabridge.transport.KeyStore;
import dev.wabridge.transport.TransportEvent;
import dev.wabridge.transport.web.device.Credentials;
import dev.wabridge.wire.binary.Node;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;

/**
 * The narrow handle a feature handler gets (pairing, login, stream errors, later prekeys,
 * usync, messages, receipts, app state): send, ask, report, schedule, and the session state
 * transitions it may cause. Implemented by the session's runtime; a fake stands in for it in
 * handler tests, so no socket is needed. All calls happen on the session's actor thread.
 */
public interface SessionServices {
    long sessionId();

    Clock clock();

    KeyStore keys();

    /** This device's keys and identity (generated and stored on first use). */
    Credentials credentials();

    /** Stores changed credentials (e.g. after pairing) and keeps them for the session. */
    void saveCredentials(Credentials updated);

    /** Writes a node to the current socket; dropped when there is none. */
    void send(Node node);

    /** Sends an IQ request to the server and completes with its result node (fails with {@link IqException} on an error answer). */
    CompletableFuture<Node> request(String type, String xmlns, List<Node> children);

    /** Like {@link #request(String, String, List)} with its own deadline. */
    CompletableFuture<Node> request(String type, String xmlns, List<Node> children, Duration timeout);

    /** Reports to the daemon; never throws. */
    void emit(TransportEvent event);

    /**
     * Hands an incoming message to the daemon; the stage completes once the daemon has stored
     * it (then, and only then, the stanza may be acked), exceptionally if it could not.
     */
    CompletionStage<Void> emitIncoming(TransportEvent.IncomingMessage message);

    /** Runs {@code task} on the actor after {@code delay}. */
    ScheduledFuture<?> schedule(Runnable task, Duration delay);

    ConnectionControl connection();

    /** The server accepted our login: the session is connected; keep-alive starts. */
    void loggedIn(String pushName);

    /** The login ended and the handler has reported why; the close that follows reports nothing more. */
    void loginEnded();

    /** The device is unlinked: keys are wiped, the session stays offline. */
    void loggedOut(String reason);
}
