package dev.wabridge.daemon.time;

import java.time.Clock;
import java.time.Instant;

/**
 * The daemon's notion of time: a clock plus a way to wait until an instant. Pacing and the
 * scheduler use it, so tests replace it with a virtual clock instead of sleeping.
 */
public interface TimeSource {
    Clock clock();

    default Instant now() {
        return clock().instant();
    }

    /** Blocks until {@code when} (returns at once if it has passed). */
    void sleepUntil(Instant when) throws InterruptedException;

    static TimeSource system() {
        Clock clock = Clock.systemUTC();
        return new TimeSource() {
            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public void sleepUntil(Instant when) throws InterruptedException {
                long millis = when.toEpochMilli() - clock.millis();
                if (millis > 0) {
                    Thread.sleep(millis);
                }
            }
        };
    }
}
