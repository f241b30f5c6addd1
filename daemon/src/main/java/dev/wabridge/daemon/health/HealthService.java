package dev.wabridge.daemon.health;

import dev.wabridge.daemon.credits.CreditService;
import dev.wabridge.daemon.outbox.OutboxService;
import dev.wabridge.daemon.scheduler.SchedulerService;
import dev.wabridge.daemon.sessions.SessionManager;
import dev.wabridge.daemon.store.Database;
import dev.wabridge.daemon.store.SessionRow;
import dev.wabridge.daemon.store.SessionStatus;
import dev.wabridge.daemon.time.TimeSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides how the daemon is doing: down when the store does not answer; degraded when a
 * session that should be online is not, a session holds messages it cannot send, or the
 * scheduler is a minute or more behind; ok otherwise. The health tool only renders this.
 */
public final class HealthService {
    private static final Duration MAX_SCHEDULER_LAG = Duration.ofSeconds(60);

    private final Database db;
    private final SessionManager sessions;
    private final OutboxService outbox;
    private final SchedulerService scheduler;
    private final CreditService credits;
    private final TimeSource time;

    public enum Status { OK, DEGRADED, DOWN }

    /** The store: whether it answered, how fast, and where it is. */
    public record StoreCheck(boolean ok, double latencyMs, String location) {
    }

    /** One session as stored, and whether its transport is connected right now. */
    public record SessionCheck(SessionRow row, boolean transportConnected) {
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
        this.db = db;
        this.sessions = sessions;
        this.outbox = outbox;
        this.scheduler = scheduler;
        this.credits = credits;
        this.time = time;
    }

    public Report check() {
        Instant now = time.now();
        StoreCheck store = pingStore();
        if (!store.ok()) {
            return new Report(Status.DOWN, store, sessions.transportName(), sessions.transportAvailable(), List.of(), -1,
                    Duration.ZERO, null, now);
        }
        List<SessionCheck> checks = new ArrayList<>();
        boolean allConnected = true;
        for (SessionRow r : sessions.all()) {
            boolean connected = sessions.isConnected(r.id());
            checks.add(new SessionCheck(r, connected));
            boolean stuck = !connected && outbox.pendingFor(r.id()) > 0;
            if ((r.status() != SessionStatus.CONNECTED && r.autoConnect()) || stuck) {
                allConnected = false; // it should be online, or it holds messages it cannot send
            }
        }
        long depth = outbox.depth();
        Duration lag = scheduler.lag();
        CreditService.Summary summary = credits.summary(now, scheduler.zone());
        Status status = allConnected && lag.compareTo(MAX_SCHEDULER_LAG) < 0 ? Status.OK : Status.DEGRADED;
        return new Report(status, store, sessions.transportName(), sessions.transportAvailable(), checks, depth, lag, summary, now);
    }

    private StoreCheck pingStore() {
        long start = System.nanoTime();
        boolean ok;
        try {
            db.ping();
            ok = true;
        } catch (RuntimeException e) {
            ok = false;
        }
        return new StoreCheck(ok, (System.nanoTime() - start) / 1_000_000.0, db.location());
    }
}
