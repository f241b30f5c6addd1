package dev.wabridge.daemon.scheduler;

import dev.wabridge.daemon.credits.CreditService;
import dev.wabridge.daemon.errors.UserError;
import dev.wabridge.daemon.optout.OptOutService;
import dev.wabridge.daemon.outbox.OutboxService;
import dev.wabridge.daemon.outbox.SessionGate;
import dev.wabridge.daemon.phone.PhoneNumbers;
import dev.wabridge.daemon.store.Database;
import dev.wabridge.daemon.store.OutboxRepository;
import dev.wabridge.daemon.store.OutboxRow;
import dev.wabridge.daemon.store.OutboxStatus;
import dev.wabridge.daemon.store.ScheduleRepository;
import dev.wabridge.daemon.store.ScheduleStatus;
import dev.wabridge.daemon.store.ScheduledMessage;
import dev.wabridge.daemon.store.SessionRow;
import dev.wabridge.daemon.store.SessionStatus;
import dev.wabridge.daemon.time.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serial;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Scheduled messages: stored on creation, reloaded on start, and handed to the same paced
 * outbox as direct sends when due (credits are reserved then). One missed while the daemon
 * was down is sent on start if it is at most {@code missedGrace} late, else marked failed
 * with the reason.
 */
public final class SchedulerService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SchedulerService.class);
    private static final int DUE_BATCH = 100;

    private final Database db;
    private final ScheduleRepository schedules;
    private final OutboxService outbox;
    private final OptOutService optouts;
    private final SessionGate sessions;
    private final CreditService credits;
    private final TimeSource time;
    private final ZoneId zone;
    private final Duration missedGrace;
    private final Object signal = new Object();
    /** Set by wake() under the signal lock, so a wake-up between query and wait is not lost. */
    private boolean dirty;
    private volatile boolean stopped;
    private Thread thread;

    /** The scheduler's settings: the zone of times without an offset, and how late a missed message may still go. */
    public record Settings(ZoneId zone, Duration missedGrace) {
    }

    public SchedulerService(Database db, ScheduleRepository schedules, OutboxService outbox, OptOutService optouts, SessionGate sessions,
                            CreditService credits, TimeSource time, Settings settings) {
        this.db = db;
        this.schedules = schedules;
        this.outbox = outbox;
        this.optouts = optouts;
        this.sessions = sessions;
        this.credits = credits;
        this.time = time;
        this.zone = settings.zone();
        this.missedGrace = settings.missedGrace();
    }

    public ZoneId zone() {
        return zone;
    }

    /** Applies the missed-message policy to what came due while the daemon was down, then runs. */
    public void start() {
        Instant now = time.now();
        Instant cutoff = now.minus(missedGrace);
        int missed = schedules.failWaitingBefore(cutoff, "missed: the daemon was not running at the scheduled time and the message "
                + "was more than " + missedGrace.toMinutes() + " minutes late when it started (setting scheduler.missed_grace_minutes)");
        if (missed > 0) {
            log.warn("{} scheduled message(s) were missed by more than {} and marked failed", missed, missedGrace);
        }
        thread = Thread.ofVirtual().name("scheduler").start(this::loop);
    }

    public ScheduledMessage create(Long sessionId, String phone, String text, String template, boolean campaign, String scheduledAt) {
        SessionRow session = sessions.resolve(sessionId);
        long sid = session.id();
        if (session.status() == SessionStatus.LOGGED_OUT) {
            throw new UserError("Session " + sid + " is logged out; link it again before scheduling");
        }
        String p = PhoneNumbers.require(phone);
        Instant when = ScheduleTimes.parse(scheduledAt, zone);
        Instant now = time.now();
        if (when.isBefore(now.minusSeconds(60))) {
            throw new UserError("scheduled_at " + scheduledAt + " (" + when + " UTC) is in the past; the daemon's time is " + now
                    + " UTC, zone " + zone);
        }
        if (when.isAfter(now.plus(Duration.ofDays(366)))) {
            throw new UserError("scheduled_at is more than a year ahead");
        }
        if (text == null || text.isEmpty()) {
            throw new UserError("The message is empty");
        }
        ScheduledMessage created = db.inTransaction(tx -> {
            optouts.requireNotOptedOut(tx, p);
            return schedules.insertPending(tx, sid, p, text, template, campaign, when, now);
        });
        wake();
        return created;
    }

    /** By time; a null status means all. */
    public List<ScheduledMessage> list(ScheduleStatus status, Long sessionId, int limit) {
        return schedules.list(status, sessionId, limit);
    }

    public ScheduledMessage cancel(long id) {
        Instant now = time.now();
        return db.inTransaction(tx -> {
            ScheduledMessage m = schedules.find(tx, id).orElseThrow(() -> new UserError("No scheduled message with id " + id
                    + "; list_scheduled_messages shows them"));
            if (m.status() != ScheduleStatus.PENDING) {
                throw new UserError("Scheduled message " + id + " is already " + m.status() + "; only pending ones can be cancelled");
            }
            if (m.outboxId() == null) {
                schedules.markCancelled(tx, id, "cancelled on request");
            } else {
                // Only while it still waits in the queue: once its send started it cannot be recalled.
                Optional<OutboxStatus> sendStatus = outbox.find(tx, m.outboxId()).map(OutboxRow::status);
                if (sendStatus.orElse(null) != OutboxStatus.QUEUED
                        || !outbox.finish(tx, m.outboxId(), OutboxStatus.CANCELLED, "cancelled on request", now)) {
                    throw new UserError("Scheduled message " + id + " is being sent right now and can no longer be cancelled");
                }
            }
            return schedules.find(tx, id).orElseThrow();
        });
    }

    /** How late the oldest due message is (zero when none is overdue). */
    public Duration lag() {
        Instant now = time.now();
        return schedules.oldestWaiting().filter(o -> o.isBefore(now)).map(o -> Duration.between(o, now)).orElse(Duration.ZERO);
    }

    private void wake() {
        synchronized (signal) {
            dirty = true;
            signal.notifyAll();
        }
    }

    private void loop() {
        while (!stopped) {
            try {
                synchronized (signal) {
                    dirty = false;
                }
                List<Long> due = schedules.dueIds(time.now(), DUE_BATCH);
                for (long id : due) {
                    dispatch(id);
                }
                if (!due.isEmpty()) {
                    continue;
                }
                Optional<Instant> next = schedules.oldestWaiting();
                long waitMillis = next.map(n -> Math.max(1, Duration.between(time.now(), n).toMillis())).orElse(60_000L);
                synchronized (signal) {
                    if (!dirty) {
                        signal.wait(Math.min(waitMillis, 60_000L));
                    }
                    dirty = false;
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("scheduler error; retrying in 1 s", e);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** Hands one due message to the outbox, or marks it failed with the reason. */
    private void dispatch(long id) {
        ScheduledMessage m = schedules.find(id).orElseThrow();
        Instant now = time.now();
        String messageId;
        try {
            SessionRow session = sessions.require(m.sessionId());
            if (session.status() == SessionStatus.LOGGED_OUT) {
                throw new UserError("session " + m.sessionId() + " is logged out");
            }
            messageId = sessions.newMessageId(m.sessionId());
        } catch (UserError e) {
            fail(id, e.getMessage());
            return;
        }
        int cost = credits.costOf(m.campaign());
        try {
            db.inTransaction(tx -> {
                long outboxId = outbox.accept(tx, new OutboxRepository.NewSend(m.sessionId(), m.phone(), m.text(), messageId,
                        m.campaign(), cost, false, id, now));
                if (!schedules.attachOutbox(tx, id, outboxId)) {
                    throw new NoLongerPending(); // cancelled since it was selected: roll back
                }
                return outboxId;
            });
            sessions.wake(m.sessionId());
        } catch (NoLongerPending e) {
            // cancelled between selection and dispatch: nothing to do
        } catch (UserError e) {
            fail(id, e.getMessage());
        }
    }

    /** Rolls a dispatch back when the scheduled message was cancelled meanwhile. */
    private static final class NoLongerPending extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        NoLongerPending() {
            super(null, null, false, false);
        }
    }

    private void fail(long id, String reason) {
        schedules.failIfPending(id, reason);
        log.info("scheduled message {} failed: {}", id, reason);
    }

    @Override
    public void close() {
        stopped = true;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
