package dev.wabridge.daemon.sessions;

/**
 * Where the sessions announce that something a client may watch changed, once it is stored:
 * a session's link status or send limits, or the status of a message with a phone (an
 * outgoing one sent, failed, delivered or read). Incoming messages have their own
 * {@link IncomingMessagePublisher}, which also carries the message. An interface so the
 * delivery (MCP resource updates today) can change without touching the sessions.
 */
public interface ChangePublisher {
    /** Nobody listens (before the MCP server runs, and in tools that only use the store). */
    ChangePublisher NONE = new ChangePublisher() {
        @Override
        public void sessionChanged(long sessionId) {
        }

        @Override
        public void messageChanged(long sessionId, String phone) {
        }
    };

    /** The session's status, its reason or its send limits changed. Must not block. */
    void sessionChanged(long sessionId);

    /**
     * A message of the session with {@code phone} changed status; {@code phone} null: several
     * messages, with several phones (e.g. every queued one failed at a logout). Must not block.
     */
    void messageChanged(long sessionId, String phone);
}
