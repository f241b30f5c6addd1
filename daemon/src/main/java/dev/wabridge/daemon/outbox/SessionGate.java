package dev.wabridge.daemon.outbox;

import dev.wabridge.daemon.store.SessionRow;

import java.time.Duration;
import java.time.Instant;

/**
 * What accepting and scheduling sends need from the linked numbers. The sessions package
 * implements it (it owns the actors and their paced senders); the outbox only sees this, so
 * the two packages do not depend on each other both ways.
 */
public interface SessionGate {
    /** The session to send from: {@code requested}, or when null the only connected one; a UserError otherwise. */
    SessionRow resolve(Long requested);

    /** The session with this id; a UserError when there is none. */
    SessionRow require(long id);

    /** A fresh WhatsApp message id from the session's transport. */
    String newMessageId(long sessionId);

    /** Tells the session's sender that work is waiting. */
    void wake(long sessionId);

    /** When the session's next send may start. */
    Instant nextSlot(long sessionId);

    /** The time between two sends of a session. */
    Duration sendInterval();

    boolean isConnected(long sessionId);
}
