package dev.wabridge.transport.web.client;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Reconnect delays: 1, 2, 4 … 60 s, each ±25 % so that many sessions dropped together do not
 * come back together. Reset by a successful login.
 */
final class Backoff {
    static final Duration MAX = Duration.ofSeconds(60);

    private final RandomGenerator random;
    private int failures;

    Backoff(RandomGenerator random) {
        this.random = random;
    }

    /** Counts one more failure and returns how long to wait before the next attempt. */
    Duration next() {
        failures++;
        long base = Math.min(MAX.toMillis(), 1000L << Math.min(6, failures - 1));
        return Duration.ofMillis(base / 4 * 3 + (long) (random.nextDouble() * base / 2));
    }

    void reset() {
        failures = 0;
    }

    int failures() {
        return failures;
    }
}
