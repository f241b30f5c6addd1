package dev.wabridge.bench;

import dev.wabridge.transport.TransportSession;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One session's queue of texts, sent at WhatsApp's pace for linked devices the way the
 * daemon's PacedSender does it: a send starts no sooner than the interval after the previous
 * one started, and only after the previous one was acked. The first slot is given, so the
 * harness can spread the sessions' first sends over one interval and the total rate is
 * N/interval in the steady state.
 */
final class PacedSessionLoad implements Runnable {
    private final TransportSession session;
    private final String to;
    private final String label;
    private final int messages;
    private final long firstSlotNanos;
    private final long intervalNanos;
    private final Results results;

    /** What all sessions' loops report into. */
    static final class Results {
        final long[] lateness;
        final long[] ackLatency;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();
        final AtomicLong lastAck = new AtomicLong();
        volatile String firstFailure;

        Results(int capacity) {
            lateness = new long[capacity];
            ackLatency = new long[capacity];
        }

        int acked() {
            return next.get();
        }

        void record(long late, long ack, long ackedAt) {
            int i = next.getAndIncrement();
            lateness[i] = late;
            ackLatency[i] = ack;
            lastAck.accumulateAndGet(ackedAt, Math::max);
        }

        void failed(Throwable t) {
            failures.incrementAndGet();
            if (firstFailure == null) {
                firstFailure = t.toString();
            }
        }
    }

    PacedSessionLoad(TransportSession session, String to, String label, int messages, long firstSlotNanos, long intervalNanos,
                     Results results) {
        this.session = session;
        this.to = to;
        this.label = label;
        this.messages = messages;
        this.firstSlotNanos = firstSlotNanos;
        this.intervalNanos = intervalNanos;
        this.results = results;
    }

    @Override
    public void run() {
        long slot = firstSlotNanos;
        for (int k = 1; k <= messages; k++) {
            try {
                long wait = slot - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                long started = System.nanoTime();
                session.sendText(session.newMessageId(), to, label + " #" + k).get(60, TimeUnit.SECONDS);
                long acked = System.nanoTime();
                results.record(started - slot, acked - started, acked);
                slot = started + intervalNanos;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                results.failed(e);
                slot = System.nanoTime() + intervalNanos;
            }
        }
    }
}
