package dev.wabridge.daemon.sessions;

import dev.wabridge.transport.TransportEvent;

/**
 * Where the sessions announce a new incoming message, once it is logged. An interface so
 * the delivery (MCP notifications today, a webhook or an MCP event stream later) can change
 * without touching the sessions.
 */
@FunctionalInterface
public interface IncomingMessagePublisher {
    /** Nobody listens (before the MCP server runs, and in tools that only use the store). */
    IncomingMessagePublisher NONE = (sessionId, message) -> { };

    /** Called on the session's thread: must not block. */
    void publish(long sessionId, TransportEvent.IncomingMessage message);
}
