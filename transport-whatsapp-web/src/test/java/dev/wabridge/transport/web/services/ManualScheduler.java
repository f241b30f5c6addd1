package dev.wabridge.transport.web.services;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ScheduledExecutorService} on a manual clock, for handler tests: nothing runs until
 * the test calls {@link #advance}, and then every task that has come due runs, in due order,
 * on the test's own thread. That thread is the only one, so the single-thread ownership the
 * session's actor gives its handlers holds here too, and no test waits on real time.
 */
public final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>(Comparator.<Task<?>>comparingLong(t -> t.due).thenComparingLong(t -> t.seq));
    private long nowNanos;
    private long seq;
    private boolean shutdown;

    /** How much manual time has passed since this scheduler was made. */
    public Duration elapsed() {
        return Duration.ofNanos(nowNanos);
    }

    /** A clock that reads {@code start} plus {@link #elapsed()}. */
    public Clock clock(Instant start) {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instant instant() {
                return start.plus(elapsed());
            }
        };
    }

    /** Moves time forward by {@code by}, running every task that comes due (including ones scheduled meanwhile). */
    public void advance(Duration by) {
        long target = nowNanos + by.toNanos();
        for (Task<?> t = queue.peek(); t != null && t.due <= target; t = queue.peek()) {
            queue.poll();
            nowNanos = Math.max(nowNanos, t.due);
            t.run(); // a cancelled FutureTask does nothing
        }
        nowNanos = target;
    }

    /** Runs what is due now (e.g. work handed over with {@link #execute}). */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /** Tasks neither run nor cancelled. */
    public int pendingCount() {
        queue.removeIf(Task::isCancelled);
        return queue.size();
    }

    /** How long until the next live task is due; fails when there is none. */
    public Duration nextDelay() {
        queue.removeIf(Task::isCancelled);
        Task<?> next = queue.peek();
        if (next == null) {
            throw new AssertionError("nothing is scheduled");
        }
        return Duration.ofNanos(next.due - nowNanos);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return enqueue(Executors.callable(command, null), delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return enqueue(callable, delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("not used by the session");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("not used by the session");
    }

    /** Queued to run at the current time, on the next {@link #advance} or {@link #runDue}. */
    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> left = new ArrayList<>(queue);
        queue.clear();
        return left;
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown && queue.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }

    private <V> Task<V> enqueue(Callable<V> callable, long delay, TimeUnit unit) {
        if (shutdown) {
            throw new IllegalStateException("scheduler shut down");
        }
        Task<V> t = new Task<>(callable, nowNanos + Math.max(0, unit.toNanos(delay)), seq++);
        queue.add(t);
        return t;
    }

    private final class Task<V> extends FutureTask<V> implements ScheduledFuture<V> {
        final long due;
        final long seq;

        Task(Callable<V> callable, long due, long seq) {
            super(callable);
            this.due = due;
            this.seq = seq;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(due - nowNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }
    }
}
