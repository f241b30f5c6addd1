package dev.wabridge.daemon;

import dev.wabridge.daemon.time.TimeSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that never waits: sleeping until an instant moves the clock there at once. Pacing
 * tests thus take milliseconds, and the sends' transport timestamps show the paced times.
 */
public final class VirtualTime implements TimeSource {
    private final AtomicReference<Instant> now;
    private final Clock clock;

    public VirtualTime(Instant start) {
        this.now = new AtomicReference<>(start);
        this.clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneId.of("UTC");
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public void sleepUntil(Instant when) {
        now.accumulateAndGet(when, (a, b) -> a.isAfter(b) ? a : b);
    }
}
