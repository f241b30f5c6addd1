package dev.wabridge.daemon.outbox;

import dev.wabridge.daemon.store.SendLimits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rate limit pauses the session for the base pause, doubling with each one in a row up to
 * 30 minutes; a send that goes through ends the series; a restriction pauses nothing and is
 * shown for 24 h; every change is saved before it takes effect.
 */
class SendLimiterTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private final List<SendLimits> saved = new ArrayList<>();
    private final SendLimiter limiter = new SendLimiter(SendLimits.NONE, Duration.ofSeconds(60), saved::add);

    @Test
    void pausesDoubleUpToTheCapAndASendEndsTheSeries() {
        assertNull(limiter.pausedUntil(T0));
        assertEquals(T0.plusSeconds(60), limiter.onRateLimited(T0));
        assertEquals(T0.plusSeconds(60), limiter.pausedUntil(T0.plusSeconds(59)));
        assertNull(limiter.pausedUntil(T0.plusSeconds(60)), "the pause is over at its end");
        assertEquals(T0.plusSeconds(120), limiter.onRateLimited(T0));
        assertEquals(T0.plusSeconds(240), limiter.onRateLimited(T0));
        for (int i = 0; i < 10; i++) {
            limiter.onRateLimited(T0);
        }
        assertEquals(T0.plus(SendLimiter.MAX_PAUSE), limiter.pausedUntil(T0));
        assertEquals(13, limiter.limits().strikes());

        limiter.onSent();
        assertNull(limiter.pausedUntil(T0));
        assertEquals(0, limiter.limits().strikes());
        assertEquals(T0.plusSeconds(60), limiter.onRateLimited(T0), "a new series starts from the base pause");
        assertEquals(limiter.limits(), saved.getLast(), "every change is saved");
    }

    @Test
    void aSendWithoutLimitsSavesNothing() {
        limiter.onSent();
        assertTrue(saved.isEmpty());
    }

    @Test
    void aRestrictionPausesNothingAndIsShownFor24Hours() {
        limiter.onRestricted("error 463", T0);
        assertNull(limiter.pausedUntil(T0));
        assertTrue(SendLimiter.restrictionShown(limiter.limits(), T0.plus(Duration.ofHours(23))));
        assertFalse(SendLimiter.restrictionShown(limiter.limits(), T0.plus(Duration.ofHours(24))));
        limiter.onSent();
        assertEquals("error 463", limiter.limits().restriction(), "a send to an existing chat does not lift a restriction");
    }

    @Test
    void aStoredPauseIsHonouredAfterARestart() {
        SendLimiter restarted = new SendLimiter(new SendLimits(T0.plusSeconds(300), 3, null, null), Duration.ofSeconds(60), saved::add);
        assertEquals(T0.plusSeconds(300), restarted.pausedUntil(T0));
        assertEquals(T0.plusSeconds(480), restarted.onRateLimited(T0), "the series goes on: the fourth pause is 8 minutes (1, 2, 4, 8)");
    }
}
