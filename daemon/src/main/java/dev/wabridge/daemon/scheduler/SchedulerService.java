package dev.wabridge.daemon.scheduler;

import dev.wabridge.daemon.store.Times;
import dev.wabridge.daemon.credits.CreditService;
import dev.wabridge.daemon.optout.OptOutService;
import dev.wabridge.daemon.outbox.OutboxRepository;
import dev.wabridge.daemon.phone.PhoneNumbers;
import dev.wabridge.daemon.service.UserError;
import dev.wabridge.daemon.sessions.SessionManager;
import dev.wabridge.daemon.sessions.SessionRow;
import dev.wabridge.daemon.store.Database;
import dev.wabridge.daemon.time.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
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
    private static final String COLUMNS = "s.id, s.session_id, s.phone, s.text, s.template, s.campaign, s.scheduled_at, s.status, "
            + "s.outbox_id, o.message_id, s.error, s.created_at";

    private final Database db;
    private final SessionManager sessions;
    private final CreditService credits;
    private final TimeSource time;
    private final ZoneId zone;
    private final Duration missedGrace;
    private final Object signal = new Object();
    /** Set by wake() under the signal lock, so a wake-up between query and wait is not lost. */
    private boolean dirty;
    private volatile boolean stopped;
    private Thread thread;

    public SchedulerService(Database db, SessionManager sessions, CreditService credits, TimeSource time, ZoneId zone, Duration missedGrace) {
        this.db = db;
        this.sessions = sessions;
        this.credits = credits;
        this.time = time;
        this.zone = zone;
        this.missedGrace = missedGrace;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Applies the missed-message policy to what came due while the daemon was down, then runs. */
    public void start() {
        Instant now = time.now();
        Instant cutoff = now.minus(missedGrace);
        int missed = db.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE scheduled_messages SET status = 'failed', error = "
                    + "'missed: the daemon was not running at the scheduled time and the message was more than ' || ? || "
                    + "' minutes late when it started (setting scheduler.missed_grace_minutes)' "
                    + "WHERE status = 'pending' AND outbox_id IS NULL AND scheduled_at < ?")) {
                ps.setLong(1, missedGrace.toMinutes());
                ps.setString(2, Times.sql(cutoff));
                return ps.executeUpdate();
            }
        });
        if (missed > 0) {
            log.warn("{} scheduled message(s) were missed by more than {} and marked failed", missed, missedGrace);
        }
        thread = Thread.ofVirtual().name("scheduler").start(this::loop);
    }

    public ScheduledMessage create(Long sessionId, String phone, String text, String template, boolean campaign, String scheduledAt) {
        long sid = sessions.resolve(sessionId);
        SessionRow session = sessions.get(sid);
        if (session.status().equals(SessionRow.LOGGED_OUT)) {
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
        ScheduledMessage created = db.transaction(c -> {
            OptOutService.requireNotOptedOut(c, p);
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO scheduled_messages(session_id, phone, text, template, campaign, "
                    + "scheduled_at, status, created_at) VALUES (?,?,?,?,?,?, 'pending', ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, sid);
                ps.setString(2, p);
                ps.setString(3, text);
                ps.setString(4, template);
                ps.setInt(5, campaign ? 1 : 0);
                ps.setString(6, Times.sql(when));
                ps.setString(7, Times.sql(now));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            return find(c, id).orElseThrow();
        });
        wake();
        return created;
    }

    public List<ScheduledMessage> list(String status, Long sessionId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM scheduled_messages s LEFT JOIN outbox o ON o.id = s.outbox_id WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (status != null && !status.equals("all")) {
            sql.append(" AND s.status = ?");
            args.add(status);
        }
        if (sessionId != null) {
            sql.append(" AND s.session_id = ?");
            args.add(sessionId);
        }
        sql.append(" ORDER BY s.scheduled_at, s.id LIMIT ?");
        args.add(limit);
        return db.call(c -> {
            List<ScheduledMessage> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                }
            }
            return out;
        });
    }

    public ScheduledMessage cancel(long id) {
        Instant now = time.now();
        return db.transaction(c -> {
            ScheduledMessage m = find(c, id).orElseThrow(() -> new UserError("No scheduled message with id " + id
                    + "; list_scheduled_messages shows them"));
            if (!m.status().equals("pending")) {
                throw new UserError("Scheduled message " + id + " is already " + m.status() + "; only pending ones can be cancelled");
            }
            if (m.outboxId() == null) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE scheduled_messages SET status = 'cancelled', error = 'cancelled on request' WHERE id = ?")) {
                    ps.setLong(1, id);
                    ps.executeUpdate();
                }
            } else {
                // Only while it still waits in the queue: once its send started it cannot be recalled.
                String outboxStatus;
                try (PreparedStatement ps = c.prepareStatement("SELECT status FROM outbox WHERE id = ?")) {
                    ps.setLong(1, m.outboxId());
                    try (ResultSet rs = ps.executeQuery()) {
                        outboxStatus = rs.next() ? rs.getString(1) : "missing";
                    }
                }
                if (!"queued".equals(outboxStatus) || !OutboxRepository.finish(c, m.outboxId(), "cancelled", "cancelled on request", now)) {
                    throw new UserError("Scheduled message " + id + " is being sent right now and can no longer be cancelled");
                }
            }
            return find(c, id).orElseThrow();
        });
    }

    /** How late the oldest due message is (zero when none is overdue). */
    public Duration lag() {
        Instant now = time.now();
        Optional<Instant> oldest = db.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT min(scheduled_at) FROM scheduled_messages WHERE status = 'pending' AND outbox_id IS NULL")) {
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getString(1) != null ? Optional.of(Instant.parse(rs.getString(1))) : Optional.empty();
                }
            }
        });
        return oldest.filter(o -> o.isBefore(now)).map(o -> Duration.between(o, now)).orElse(Duration.ZERO);
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
                Instant now = time.now();
                List<Long> due = db.call(c -> {
                    List<Long> ids = new ArrayList<>();
                    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM scheduled_messages WHERE status = 'pending' "
                            + "AND outbox_id IS NULL AND scheduled_at <= ? ORDER BY scheduled_at, id LIMIT 100")) {
                        ps.setString(1, Times.sql(now));
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                ids.add(rs.getLong(1));
                            }
                        }
                    }
                    return ids;
                });
                for (long id : due) {
                    dispatch(id);
                }
                if (!due.isEmpty()) {
                    continue;
                }
                Optional<Instant> next = db.call(c -> {
                    try (ResultSet rs = c.createStatement().executeQuery(
                            "SELECT min(scheduled_at) FROM scheduled_messages WHERE status = 'pending' AND outbox_id IS NULL")) {
                        return rs.next() && rs.getString(1) != null ? Optional.of(Instant.parse(rs.getString(1))) : Optional.empty();
                    }
                });
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
        ScheduledMessage m = db.call(c -> find(c, id)).orElseThrow();
        Instant now = time.now();
        String messageId;
        try {
            SessionRow session = sessions.get(m.sessionId());
            if (session.status().equals(SessionRow.LOGGED_OUT)) {
                throw new UserError("session " + m.sessionId() + " is logged out");
            }
            messageId = sessions.newMessageId(m.sessionId());
        } catch (UserError e) {
            fail(id, e.getMessage());
            return;
        }
        int cost = credits.costOf(m.campaign());
        try {
            db.transaction(c -> {
                long outboxId = OutboxRepository.insertAccepted(c, m.sessionId(), m.phone(), m.text(), messageId, m.campaign(), cost,
                        false, id, now);
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE scheduled_messages SET outbox_id = ? WHERE id = ? AND status = 'pending' AND outbox_id IS NULL")) {
                    ps.setLong(1, outboxId);
                    ps.setLong(2, id);
                    if (ps.executeUpdate() == 0) {
                        throw new NoLongerPending(); // cancelled since it was selected: roll back
                    }
                }
                return outboxId;
            });
            sessions.wakeSender(m.sessionId());
        } catch (NoLongerPending e) {
            // cancelled between selection and dispatch: nothing to do
        } catch (UserError e) {
            fail(id, e.getMessage());
        }
    }

    /** Rolls a dispatch back when the scheduled message was cancelled meanwhile. */
    private static final class NoLongerPending extends RuntimeException {
        NoLongerPending() {
            super(null, null, false, false);
        }
    }

    private void fail(long id, String reason) {
        db.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE scheduled_messages SET status = 'failed', error = ? WHERE id = ? AND status = 'pending'")) {
                ps.setString(1, reason);
                ps.setLong(2, id);
                return ps.executeUpdate();
            }
        });
        log.info("scheduled message {} failed: {}", id, reason);
    }

    private static Optional<ScheduledMessage> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM scheduled_messages s LEFT JOIN outbox o ON o.id = s.outbox_id WHERE s.id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static ScheduledMessage read(ResultSet rs) throws SQLException {
        long outbox = rs.getLong(9);
        Long outboxId = rs.wasNull() ? null : outbox;
        return new ScheduledMessage(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6) != 0,
                rs.getString(7), rs.getString(8), outboxId, rs.getString(10), rs.getString(11), rs.getString(12));
    }

    @Override
    public void close() {
        stopped = true;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
