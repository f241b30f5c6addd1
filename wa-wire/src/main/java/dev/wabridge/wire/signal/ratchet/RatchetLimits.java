package dev.wabridge.wire.signal.ratchet;

/**
 * The bounds that keep a session's state finite whatever a peer sends (docs/decisions.md,
 * "Signal bounds"). A message beyond a bound is refused with
 * {@code MessageTooFarAheadException} and nothing changes.
 */
public final class RatchetLimits {
    /**
     * How far ahead of its chain a message may be: at most this many message keys are derived
     * and kept to reach it. 2000, as libsignal-node (src/session_cipher.js
     * {@code fillMessageKeys}: "Over 2000 messages into the future!") and Baileys' sender keys;
     * libsignal rust now allows 25,000 (protocol/src/consts.rs MAX_FORWARD_JUMPS), but
     * Baileys' peers refuse beyond 2000 anyway, so no WhatsApp sender can rely on more.
     */
    public static final int MAX_FORWARD_JUMPS = 2000;
    /** Skipped message keys kept per chain; the oldest go first (libsignal rust MAX_MESSAGE_KEYS). */
    public static final int MAX_MESSAGE_KEYS = 2000;
    /** Receiving chains kept per session: the current one and four older (libsignal rust MAX_RECEIVER_CHAINS). */
    public static final int MAX_RECEIVER_CHAINS = 5;
    /** Archived sessions kept per address besides the current one (libsignal rust ARCHIVED_STATES_MAX_LENGTH; libsignal-node CLOSED_SESSIONS_MAX). */
    public static final int MAX_ARCHIVED_SESSIONS = 40;
    /** Sender-key states kept per group and sender (libsignal rust MAX_SENDER_KEY_STATES; Baileys SenderKeyRecord MAX_STATES). */
    public static final int MAX_SENDER_KEY_STATES = 5;

    private RatchetLimits() {
    }
}
