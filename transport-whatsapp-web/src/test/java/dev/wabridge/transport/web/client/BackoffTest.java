package dev.wabridge.transport.web.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pins the reconnect delays: 1, 2, 4 … seconds, capped at 60 s, each within ±25 % so sessions
 * dropped together do not reconnect together, and back to 1 s after a reset (a good login).
 * Too short hammers the server; no cap leaves a session offline for hours after an outage.
 */
class BackoffTest {
    /** A generator whose nextDouble is always {@code value}: the ends of the jitter window. */
    private static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    private static long baseMillis(int failure) {
        return Math.min(60_000, 1000L << Math.min(20, failure - 1));
    }

    private static List<Long> delays(Backoff b, int n) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(b.next().toMillis());
        }
        return out;
    }

    @Test
    void withoutJitterTheDelaysDoubleFromOneSecondUpToSixty() {
        assertEquals(List.of(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 32_000L, 60_000L, 60_000L, 60_000L),
                delays(new Backoff(fixed(0.5)), 9));
    }

    @Test
    void theJitterWindowIsThreeQuartersToFiveQuartersOfTheBase() {
        Backoff low = new Backoff(fixed(0.0));
        Backoff high = new Backoff(fixed(Math.nextDown(1.0)));
        for (int failure = 1; failure <= 12; failure++) {
            long base = baseMillis(failure);
            assertEquals(base * 3 / 4, low.next().toMillis());
            long top = high.next().toMillis();
            assertTrue(top <= base * 5 / 4 && top > base * 5 / 4 - 2, failure + ": " + top);
        }
    }

    @Test
    void randomDelaysStayWithinTheWindowAndTheCap() {
        long seed = System.nanoTime();
        System.out.println("BackoffTest seed " + seed);
        Backoff backoff = new Backoff(new Random(seed));
        for (int failure = 1; failure <= 200; failure++) {
            long base = baseMillis(failure);
            long ms = backoff.next().toMillis();
            assertTrue(ms >= base * 3 / 4 && ms <= base * 5 / 4, "seed " + seed + ", failure " + failure + ": " + ms);
            assertTrue(ms <= Backoff.MAX.toMillis() * 5 / 4, "seed " + seed);
        }
        assertEquals(200, backoff.failures());
    }

    @Test
    void resetStartsOverAtOneSecond() {
        Backoff backoff = new Backoff(fixed(0.5));
        delays(backoff, 10);
        backoff.reset();
        assertEquals(0, backoff.failures());
        assertEquals(Duration.ofSeconds(1), backoff.next());
        assertEquals(Duration.ofSeconds(2), backoff.next());
    }
}
