package dev.wabridge.daemon.outbox;

import dev.wabridge.daemon.store.SendLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The limits WhatsApp put on one linked number's sending, and what the paced sender does
 * about them (docs/decisions.md, "Send limits"):
 * <ul>
 *   <li>a rate limit (429, {@code rate-overlimit}) pauses every send of the session, first for
 *       the base pause, doubling with each rate limit in a row up to {@link #MAX_PAUSE}; the
 *       first send that goes through ends the series;</li>
 *   <li>a restriction (463) is remembered with its time, so status and health can show it for
 *       {@link #RESTRICTION_SHOWN_FOR}; it pauses nothing, since chats that exist still work.</li>
 * </ul>
 * Every change is written through (best effort) before the sender acts on it, so a restart
 * keeps the pause.
 * Written by the session's sender thread only; read by others through the volatile field.
 */
public final class SendLimiter {
    private static final Logger log = LoggerFactory.getLogger(SendLimiter.class);
    /** The longest pause: long enough for WhatsApp's limits to lift, short enough to notice when they have. */
    public static final Duration MAX_PAUSE = Duration.ofMinutes(30);
    /** How long status and health show a restriction after the last 463. */
    public static final Duration RESTRICTION_SHOWN_FOR = Duration.ofHours(24);

    private final Duration basePause;
    private final Consumer<SendLimits> save;
    private volatile SendLimits limits;

    public SendLimiter(SendLimits stored, Duration basePause, Consumer<SendLimits> save) {
        this.limits = stored;
        this.basePause = basePause;
        this.save = save;
    }

    public SendLimits limits() {
        return limits;
    }

    /** When sends may go again; null when they are not paused at {@code now}. */
    public Instant pausedUntil(Instant now) {
        SendLimits l = limits;
        return l.pausedAt(now) ? l.pausedUntil() : null;
    }

    /** A rate limit at {@code now}: the pause doubles with each one in a row. Returns its end. */
    public Instant onRateLimited(Instant now) {
        SendLimits l = limits;
        int strikes = Math.min(l.strikes() + 1, 30);
        Duration pause = basePause.multipliedBy(1L << Math.min(strikes - 1, 20));
        Instant until = now.plus(pause.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause);
        update(new SendLimits(until, strikes, l.restriction(), l.restrictedAt()));
        return until;
    }

    /** A restriction (463) at {@code now}, with WhatsApp's words as the transport reported them. */
    public void onRestricted(String reason, Instant now) {
        SendLimits l = limits;
        update(new SendLimits(l.pausedUntil(), l.strikes(), reason, now));
    }

    /** A send went through: a series of rate limits is over. */
    public void onSent() {
        SendLimits l = limits;
        if (l.strikes() > 0 || l.pausedUntil() != null) {
            update(new SendLimits(null, 0, l.restriction(), l.restrictedAt()));
        }
    }

    /** Whether a restriction is recent enough to show at {@code now}. */
    public static boolean restrictionShown(SendLimits l, Instant now) {
        return l.restrictedAt() != null && l.restrictedAt().plus(RESTRICTION_SHOWN_FOR).isAfter(now);
    }

    /**
     * In memory first, so the sender honours a pause even when the store cannot take it (a full
     * disk); then saved, best effort, for the next start.
     */
    private void update(SendLimits next) {
        limits = next;
        try {
            save.accept(next);
        } catch (RuntimeException e) {
            log.warn("the send limits could not be stored ({}); they hold until the daemon stops", e.getMessage());
        }
    }
}
