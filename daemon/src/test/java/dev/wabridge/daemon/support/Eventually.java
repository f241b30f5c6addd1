package dev.wabridge.daemon.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for something the daemon does on its own threads (a connection, a send, a row),
 * checking every 20 ms, and fails with what it waited for. One helper instead of a polling
 * loop per test.
 */
public final class Eventually {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 20;

    private Eventually() {
    }

    /** Waits up to {@link #DEFAULT_TIMEOUT} for {@code condition}. */
    public static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        eventually(what, DEFAULT_TIMEOUT, condition);
    }

    /** Waits up to {@code timeout} for {@code condition}; an AssertionError naming {@code what} when it does not come. */
    public static void eventually(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
