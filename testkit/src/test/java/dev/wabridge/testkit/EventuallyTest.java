package dev.wabridge.testkit;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventuallyTest {
    @Test
    void returnsTheFirstAcceptedValue() {
        AtomicInteger calls = new AtomicInteger();
        assertEquals(3, Eventually.value("three calls", calls::incrementAndGet, n -> n >= 3));
    }

    @Test
    void failsAfterTheTimeoutNamingWhatItWaitedForAndTheLastValue() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> Eventually.value("the answer", Duration.ofMillis(50), () -> 41, n -> n == 42));
        assertTrue(e.getMessage().contains("the answer") && e.getMessage().contains("41"), e.getMessage());
    }

    @Test
    void untilReturnsOnceTheConditionHolds() {
        long start = System.nanoTime();
        Eventually.until("40 ms passed", () -> System.nanoTime() - start > 40_000_000L);
        assertThrows(AssertionFailedError.class, () -> Eventually.until("never", Duration.ofMillis(30), () -> false));
    }
}
