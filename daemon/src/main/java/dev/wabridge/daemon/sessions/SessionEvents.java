package dev.wabridge.daemon.sessions;

import dev.wabridge.transport.TransportEvent;
import dev.wabridge.transport.TransportListener;

import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The daemon's listener for one session's transport: queues every event on the session's
 * actor, and for an incoming message returns a stage that completes once the actor has
 * committed the message's row, so the transport acknowledges it to the server only then
 * (docs/decisions.md, "Ack after commit").
 */
final class SessionEvents implements TransportListener {
    private final Consumer<TransportEvent> handler;
    /** Set right after the transport is opened: the actor needs the transport this listener goes to. */
    private volatile SessionActor actor;

    SessionEvents(Consumer<TransportEvent> handler) {
        this.handler = handler;
    }

    void attach(SessionActor actor) {
        this.actor = actor;
    }

    @Override
    public void on(TransportEvent event) {
        actor().event(event, handler);
    }

    @Override
    public CompletionStage<Void> onIncoming(TransportEvent.IncomingMessage message) {
        return actor().eventHandled(message, handler);
    }

    private SessionActor actor() {
        SessionActor a = actor;
        if (a == null) {
            // A transport reports nothing before connect(), which comes after attach().
            throw new IllegalStateException("a transport event arrived before its session's actor existed");
        }
        return a;
    }
}
