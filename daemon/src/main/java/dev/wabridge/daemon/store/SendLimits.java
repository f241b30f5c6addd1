package dev.wabridge.daemon.store;

import java.time.Instant;

/**
 * What WhatsApp told a linked number about its sending: a rate-limit pause (every send of the
 * session waits until {@code pausedUntil}; {@code strikes} consecutive rate limits so far) and
 * the last restriction (error 463: the number may not start new chats) with when it came.
 * Null fields: none.
 */
public record SendLimits(Instant pausedUntil, int strikes, String restriction, Instant restrictedAt) {
    public static final SendLimits NONE = new SendLimits(null, 0, null, null);

    /** Whether sends must still wait at {@code now}. */
    public boolean pausedAt(Instant now) {
        return pausedUntil != null && pausedUntil.isAfter(now);
    }
}
