package dev.wabridge.daemon.health;

import dev.wabridge.daemon.credits.CreditService;
import dev.wabridge.daemon.outbox.OutboxService;
import dev.wabridge.daemon.outbox.SendLimiter;
import dev.wabridge.daemon.scheduler.SchedulerService;
import dev.wabridge.daemon.sessions.SessionManager;
import dev.wabridge.daemon.store.Database;
import dev.wabridge.daemon.store.SendLimits;
import dev.wabridge.daemon.store.SessionRow;
import dev.wabridge.daemon.store.SessionStatus;
import dev.wabridge.daemon.store.StoreCondition;
import dev.wabridge.daemon.time.TimeSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides how the daemon is doing: down when the store does not answer or has a fault (full
 * disk, damaged file, I/O error: nothing can be accepted); degraded when the disk has less
 * than the low-space threshold free ({@code store.low_space_mb}, default {@link #LOW_SPACE}), a session that should be online is not, a session holds
 * messages it cannot send, WhatsApp rate-limited a session (its sends pause), or the
 * scheduler is a minute or more behind; ok otherwise. A recent restriction (463) is reported
 * per session without degrading. The
 * health tool only renders this.
 */
public final class HealthService {
    private static final Duration MAX_SCHEDULER_LAG = Duration.ofSeconds(60);
    /** Below this much free space the store will soon refuse writes: say so before it does. */
    public static final long LOW_SPACE = 100L << 20;
    private final long lowSpace;

    private final Database db;
    private final SessionManager sessions;
    private final OutboxService outbox;
    private final SchedulerService scheduler;
    private final CreditService credits;
    private final TimeSource time;

    public enum Status { OK, DEGRADED, DOWN }

    /**
     * The store: whether it answered without a fault, how fast, where it is, what is wrong
     * (null when nothing) and the free space there (-1 when unknown).
     */
    public record StoreCheck(boolean ok, double latencyMs, String location, String error, long freeBytes, boolean lowOnSpace) {
    }

    /**
     * A connected session that heard nothing from WhatsApp for this long is deaf: keep-alive
     * pongs alone arrive every 20 to 30 s, so 90 s of silence means the socket is up but dead.
     */
    public static final Duration DEAF_AFTER = Duration.ofSeconds(90);

    /**
     * One session as stored, whether its transport is connected right now, and what the link
     * looks like: connected, connected_but_deaf, or the stored status (qr_pending,
     * disconnected, logged_out; status_reason says why, e.g. a temporary ban and its end), and
     * what WhatsApp said about its sending (a rate-limit pause, a recent restriction).
     */
    public record SessionCheck(SessionRow row, boolean transportConnected, String link, SendLimits limits) {
        /** Sends wait for a rate limit to pass at {@code at}. */
        public boolean sendsPaused(Instant at) {
            return limits.pausedAt(at);
        }

        /** WhatsApp restricted the number (463) within {@link SendLimiter#RESTRICTION_SHOWN_FOR} of {@code at}. */
        public boolean restricted(Instant at) {
            return SendLimiter.restrictionShown(limits, at);
        }
    }

    /**
     * The whole report. When the store is down, sessions is empty, queueDepth is -1,
     * schedulerLag is zero and credits is null: none of them could be read.
     */
    public record Report(Status status, StoreCheck store, String transportName, boolean transportAvailable,
                         List<SessionCheck> sessions, long queueDepth, Duration schedulerLag, CreditService.Summary credits,
                         Instant checkedAt) {
    }

    public HealthService(Database db, SessionManager sessions, OutboxService outbox, SchedulerService scheduler, CreditService credits,
                         TimeSource time) {
        this(db, sessions, outbox, scheduler, credits, time, LOW_SPACE);
    }

    /** {@code lowSpaceBytes}: below this much free space the report says so and is degraded. */
    public HealthService(Database db, SessionManager sessions, OutboxService outbox, SchedulerService scheduler, CreditService credits,
                         TimeSource time, long lowSpaceBytes) {
        this.lowSpace = lowSpaceBytes;
        this.db = db;
        this.sessions = sessions;
        this.outbox = outbox;
        this.scheduler = scheduler;
        this.credits = credits;
        this.time = time;
    }

    public Report check() {
        Instant now = time.now();
        StoreCheck store = checkStore();
        if (!store.ok()) {
            return new Report(Status.DOWN, store, sessions.transportName(), sessions.transportAvailable(), List.of(), -1,
                    Duration.ZERO, null, now);
        }
        try {
            return check(store, now);
        } catch (RuntimeException e) {
            // the store answered the ping but not the reads: down, with what it said
            StoreCheck failing = new StoreCheck(false, store.latencyMs(), store.location(), e.getMessage(), store.freeBytes(),
                    store.lowOnSpace());
            return new Report(Status.DOWN, failing, sessions.transportName(), sessions.transportAvailable(), List.of(), -1,
                    Duration.ZERO, null, now);
        }
    }

    private Report check(StoreCheck store, Instant now) {
        List<SessionCheck> checks = new ArrayList<>();
        Map<Long, SendLimits> limits = sessions.sendLimits();
        boolean allConnected = true;
        for (SessionRow r : sessions.all()) {
            boolean connected = sessions.isConnected(r.id());
            boolean deaf = connected && sessions.lastInbound(r.id()).map(t -> t.plus(DEAF_AFTER).isBefore(now)).orElse(false);
            String link = deaf ? "connected_but_deaf" : connected ? "connected" : r.status().wire();
            SessionCheck check = new SessionCheck(r, connected, link, limits.getOrDefault(r.id(), SendLimits.NONE));
            checks.add(check);
            boolean stuck = !connected && outbox.pendingFor(r.id()) > 0;
            // A restriction (463) is shown but does not degrade: with privacy tokens it can concern one
            // new contact only, and that message already failed with the reason. A pause holds every send.
            if ((r.status() != SessionStatus.CONNECTED && r.autoConnect()) || stuck || deaf || check.sendsPaused(now)) {
                allConnected = false; // it should be online, holds messages it cannot send, or WhatsApp paused its sends
            }
        }
        long depth = outbox.depth();
        Duration lag = scheduler.lag();
        CreditService.Summary summary = credits.summary(now, scheduler.zone());
        Status status = allConnected && lag.compareTo(MAX_SCHEDULER_LAG) < 0 && !store.lowOnSpace() ? Status.OK : Status.DEGRADED;
        return new Report(status, store, sessions.transportName(), sessions.transportAvailable(), checks, depth, lag, summary, now);
    }

    private StoreCheck checkStore() {
        long start = System.nanoTime();
        String error = null;
        try {
            db.ping();
        } catch (RuntimeException e) {
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        double latency = (System.nanoTime() - start) / 1_000_000.0;
        StoreCondition condition = db.condition();
        if (error == null && condition.fault() != null) {
            error = condition.fault().words() + " since " + condition.since() + ": " + condition.detail();
        }
        boolean low = condition.freeBytes() >= 0 && condition.freeBytes() < lowSpace;
        if (error == null && low) {
            return new StoreCheck(true, latency, db.location(), "low disk space: " + (condition.freeBytes() >> 20) + " MiB free (below "
                    + (lowSpace >> 20) + " MiB)", condition.freeBytes(), true);
        }
        return new StoreCheck(error == null, latency, db.location(), error, condition.freeBytes(), low);
    }
}
