package dev.wabridge.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Waits until something asynchronous has happened: polls a condition until a deadline and
 * fails with what it was waiting for (and the last value seen). One helper instead of a
 * hand-written deadline loop per test, and no fixed sleeps that are too short on a slow
 * machine and too long on a fast one.
 */
public final class Eventually {
    /** Long enough for a loaded CI machine; a passing test never waits for it. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 10;

    private Eventually() {
    }

    /** Waits up to {@link #DEFAULT_TIMEOUT} until {@code condition} is true. */
    public static void until(String what, BooleanSupplier condition) {
        until(what, DEFAULT_TIMEOUT, condition);
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        value(what, timeout, condition::getAsBoolean, Boolean::booleanValue);
    }

    /** Polls {@code supplier} up to {@link #DEFAULT_TIMEOUT} until {@code accepted} holds; returns that value. */
    public static <T> T value(String what, Supplier<T> supplier, Predicate<? super T> accepted) {
        return value(what, DEFAULT_TIMEOUT, supplier, accepted);
    }

    public static <T> T value(String what, Duration timeout, Supplier<T> supplier, Predicate<? super T> accepted) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T last = supplier.get();
            if (accepted.test(last)) {
                return last;
            }
            if (System.nanoTime() - deadline > 0) {
                return fail("not so within " + timeout.toMillis() + " ms: " + what + " (last value: " + last + ")");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail("interrupted while waiting for: " + what);
            }
        }
    }
}
