package dev.wabridge.daemon.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sessions table. Each change is a named transition, so the rules of what a transition
 * clears (the QR code, the reason) live here once instead of in SQL fragments at the callers.
 */
public interface SessionRepository {
    /** A new session, pairing (qr_pending) with no QR code yet. */
    SessionRow create(String label, Instant now);

    Optional<SessionRow> find(long id);

    /** Inside a transaction: the session's status, empty when it no longer exists. */
    Optional<SessionStatus> status(Tx tx, long id);

    List<SessionRow> all();

    boolean delete(long id);

    void rename(long id, String label);

    /** A new QR code to scan: qr_pending, the code and its expiry, no reason. */
    void markQrPending(long id, String qr, Instant expiresAt);

    /** Logged in: connected, the phone and push name (a null name keeps the known one), QR cleared, seen now. */
    void markConnected(long id, String phone, String pushName, Instant now);

    /** The connection dropped: disconnected with the reason, seen now; a logged-out session stays logged out. */
    void markDisconnected(long id, String reason, Instant now);

    /** Stopped by the daemon (on request, or pairing cut by a restart): disconnected with the reason, QR cleared. */
    void markStopped(long id, String reason);

    /** Cannot connect at all (no transport in this build): disconnected with the reason. */
    void markUnreachable(long id, String reason);

    /** The phone unlinked the device: logged out with the reason, QR cleared, not reconnected on start. */
    void markLoggedOut(long id, String reason);

    /** A logged-out session links again: qr_pending until its first QR code arrives. */
    void restartPairing(long id);

    /** Reconnect on start again (reconnect_whatsapp); the old reason no longer applies. */
    void enableAutoConnect(long id);

    /** Stay offline across restarts (disconnect_whatsapp). */
    void disableAutoConnect(long id);

    /** Heard from the session (an incoming message). */
    void touch(long id, Instant now);

    /** The profile as last read from WhatsApp, shown while the session is offline. */
    void cacheProfile(long id, String name, String about, String description, boolean hasPicture);

    /** The session's send limits ({@link SendLimits#NONE} when it has none or does not exist). */
    SendLimits sendLimits(long id);

    /** The send limits of every session that has any. */
    Map<Long, SendLimits> allSendLimits();

    void saveSendLimits(long id, SendLimits limits);
}
