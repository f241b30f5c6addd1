package dev.wabridge.daemon.sessions;

import dev.wabridge.daemon.outbox.PacedSender;
import dev.wabridge.transport.TransportEvent;
import dev.wabridge.transport.TransportSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One linked number's state, owned by one thread: transport events and commands are queued
 * on its mailbox and run one at a time, so session state needs no locks. Sending runs on the
 * session's {@link PacedSender} thread, which only reads the volatile connected flag.
 */
final class SessionActor {
    private static final Logger log = LoggerFactory.getLogger(SessionActor.class);

    final long id;
    final TransportSession transport;
    final PacedSender sender;
    private final ExecutorService mailbox;
    private volatile boolean connected;
    /** Completed by the first QR code or the connection after connect(): what connect_whatsapp waits for. */
    private volatile CompletableFuture<Void> firstSign = new CompletableFuture<>();

    SessionActor(long id, TransportSession transport, SenderFactory senders) {
        this.id = id;
        this.transport = transport;
        this.mailbox = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("session-" + id).factory());
        this.sender = senders.create(this);
    }

    interface SenderFactory {
        PacedSender create(SessionActor actor);
    }

    boolean connected() {
        return connected;
    }

    void start() {
        sender.start();
    }

    /** Runs {@code command} on the session's thread. */
    CompletableFuture<Void> tell(Runnable command) {
        return CompletableFuture.runAsync(command, mailbox);
    }

    /** Called from transport threads: handled on the session's thread, in order. */
    void event(TransportEvent event, Consumer<TransportEvent> handler) {
        if (mailbox.isShutdown()) {
            return; // the session was stopped or deleted: its transport's last words are moot
        }
        try {
            mailbox.execute(() -> handle(event, handler));
        } catch (RejectedExecutionException e) {
            // stopped between the check and the hand-off
        }
    }

    /**
     * Like {@link #event}, and the returned stage completes once the handler returned (what
     * it wrote is committed), or exceptionally if it threw or the session is stopped: the
     * transport acks an incoming message to the server only after a normal completion.
     */
    CompletionStage<Void> eventHandled(TransportEvent event, Consumer<TransportEvent> handler) {
        CompletableFuture<Void> handled = new CompletableFuture<>();
        try {
            mailbox.execute(() -> {
                try {
                    apply(event, handler);
                    handled.complete(null);
                } catch (RuntimeException e) {
                    log.error("session {}: handling {} failed; it stays unacknowledged", id, event.getClass().getSimpleName(), e);
                    handled.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            handled.completeExceptionally(new IllegalStateException("session " + id + " is stopped", e));
        }
        return handled;
    }

    private void handle(TransportEvent event, Consumer<TransportEvent> handler) {
        try {
            apply(event, handler);
        } catch (RuntimeException e) {
            log.error("session {}: handling {} failed", id, event.getClass().getSimpleName(), e);
        }
    }

    private void apply(TransportEvent event, Consumer<TransportEvent> handler) {
        switch (event) {
            case TransportEvent.Connected c -> connected = true;
            case TransportEvent.Disconnected d -> connected = false;
            case TransportEvent.LoggedOut l -> connected = false;
            default -> { }
        }
        handler.accept(event);
        if (event instanceof TransportEvent.QrCode || event instanceof TransportEvent.Connected
                || event instanceof TransportEvent.LoggedOut || event instanceof TransportEvent.Disconnected) {
            firstSign.complete(null);
        }
        if (event instanceof TransportEvent.Connected) {
            sender.wake();
        }
    }

    CompletableFuture<Void> connect() {
        firstSign = new CompletableFuture<>();
        CompletableFuture<Void> sign = firstSign;
        tell(transport::connect);
        return sign;
    }

    void stop() {
        sender.stop();
        tell(transport::close);
        mailbox.shutdown();
        try {
            mailbox.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
