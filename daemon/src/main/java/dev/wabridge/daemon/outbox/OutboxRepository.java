package dev.wabridge.daemon.outbox;

import dev.wabridge.daemon.store.Times;
import dev.wabridge.daemon.credits.CreditService;
import dev.wabridge.daemon.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;

/**
 * SQL for the outbox and the outgoing side of the message log. Every state change updates
 * the outbox row, its message-log row, the credit ledger and a linked scheduled message in
 * one transaction, so they never disagree after a crash.
 */
public final class OutboxRepository {
    private static final String COLUMNS = "id, session_id, phone, text, message_id, status, campaign, credits_reserved, "
            + "archive_after_send, attempts, last_error, scheduled_id, created_at, sent_at";
    private final Database db;

    public OutboxRepository(Database db) {
        this.db = db;
    }

    /**
     * Within the caller's transaction: the one way a send is accepted. Refuses an opted-out
     * phone, stores the send, logs it as queued and reserves its credits (refusing when they
     * are short); a refusal throws before anything is kept.
     */
    public static long insertAccepted(Connection c, long sessionId, String phone, String text, String messageId, boolean campaign,
                                      int cost, boolean archive, Long scheduledId, Instant now) throws SQLException {
        dev.wabridge.daemon.optout.OptOutService.requireNotOptedOut(c, phone);
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox(session_id, phone, text, message_id, status, campaign, "
                + "credits_reserved, archive_after_send, scheduled_id, created_at) VALUES (?,?,?,?, 'queued', ?,?,?,?,?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, sessionId);
            ps.setString(2, phone);
            ps.setString(3, text);
            ps.setString(4, messageId);
            ps.setInt(5, campaign ? 1 : 0);
            ps.setInt(6, cost);
            ps.setInt(7, archive ? 1 : 0);
            if (scheduledId == null) {
                ps.setNull(8, java.sql.Types.INTEGER);
            } else {
                ps.setLong(8, scheduledId);
            }
            ps.setString(9, Times.sql(now));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO messages(session_id, direction, phone, text, message_id, status, "
                + "outbox_id, created_at) VALUES (?, 'outgoing', ?, ?, ?, 'queued', ?, ?)")) {
            ps.setLong(1, sessionId);
            ps.setString(2, phone);
            ps.setString(3, text);
            ps.setString(4, messageId);
            ps.setLong(5, id);
            ps.setString(6, Times.sql(now));
            ps.executeUpdate();
        }
        CreditService.reserve(c, id, cost, now);
        return id;
    }

    public Optional<OutboxRow> find(long id) {
        return db.call(c -> one(c, "SELECT " + COLUMNS + " FROM outbox WHERE id = ?", id));
    }

    /** The oldest unfinished send of a session ('sending' ones come back after a crash). */
    public Optional<OutboxRow> nextPending(long sessionId) {
        return db.call(c -> one(c, "SELECT " + COLUMNS + " FROM outbox WHERE session_id = ? AND status IN ('queued','sending') ORDER BY id LIMIT 1", sessionId));
    }

    /** How many sends of the session are ahead of this one. */
    public int position(long sessionId, long outboxId) {
        return db.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM outbox WHERE session_id = ? AND status IN ('queued','sending') AND id < ?")) {
                ps.setLong(1, sessionId);
                ps.setLong(2, outboxId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    public long depth() {
        return db.call(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM outbox WHERE status IN ('queued','sending')")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    public long pendingFor(long sessionId) {
        return db.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM outbox WHERE session_id = ? AND status IN ('queued','sending')")) {
                ps.setLong(1, sessionId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /**
     * Claims the row for an attempt. False when it was finished meanwhile (cancelled, failed
     * after a logout or deletion): the sender must then not send it.
     */
    public boolean markSending(long id) {
        return db.transaction(c -> {
            if (exec(c, "UPDATE outbox SET status = 'sending', attempts = attempts + 1 WHERE id = ? AND status IN ('queued','sending')", id) == 0) {
                return false;
            }
            exec(c, "UPDATE messages SET status = 'sending' WHERE outbox_id = ? AND status = 'queued'", id);
            return true;
        });
    }

    public void markSent(long id, Instant sentAt) {
        db.transaction(c -> {
            if (exec(c, "UPDATE outbox SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ? AND status IN ('queued','sending')",
                    Times.sql(sentAt), id) == 0) {
                return null; // already final
            }
            exec(c, "UPDATE messages SET status = 'sent', sent_at = ? WHERE outbox_id = ? AND status IN ('queued','sending')", Times.sql(sentAt), id);
            exec(c, "UPDATE scheduled_messages SET status = 'sent' WHERE outbox_id = ?", id);
            CreditService.charge(c, id, sentAt);
            return null;
        });
    }

    /** A retryable failure: back to queued, with the reason. */
    public void markRetry(long id, String error) {
        db.transaction(c -> {
            exec(c, "UPDATE outbox SET status = 'queued', last_error = ? WHERE id = ? AND status IN ('queued','sending')", error, id);
            exec(c, "UPDATE messages SET status = 'queued', error = ? WHERE outbox_id = ? AND status IN ('queued','sending')", error, id);
            return null;
        });
    }

    /** Final failure or cancellation: the reservation is released (refund). Returns false if already final. */
    public boolean markFinal(long id, String status, String error, Instant now) {
        return db.transaction(c -> finish(c, id, status, error, now));
    }

    public static boolean finish(Connection c, long id, String status, String error, Instant now) throws SQLException {
        Optional<OutboxRow> row = one(c, "SELECT " + COLUMNS + " FROM outbox WHERE id = ?", id);
        if (row.isEmpty() || !(row.get().status().equals("queued") || row.get().status().equals("sending"))) {
            return false;
        }
        exec(c, "UPDATE outbox SET status = ?, last_error = ? WHERE id = ?", status, error, id);
        exec(c, "UPDATE messages SET status = ?, error = ? WHERE outbox_id = ?", status, error, id);
        exec(c, "UPDATE scheduled_messages SET status = ?, error = ? WHERE outbox_id = ?",
                status.equals("cancelled") ? "cancelled" : "failed", error, id);
        CreditService.release(c, id, row.get().creditsReserved(), status + ": " + error, now);
        return true;
    }

    /** Every unfinished send of a session fails (it was logged out); returns how many. */
    public int failAllOf(long sessionId, String error, Instant now) {
        return db.transaction(c -> {
            java.util.List<Long> ids = new java.util.ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM outbox WHERE session_id = ? AND status IN ('queued','sending')")) {
                ps.setLong(1, sessionId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            for (long id : ids) {
                finish(c, id, "failed", error, now);
            }
            return ids.size();
        });
    }

    static int exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }

    private static Optional<OutboxRow> one(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long sched = rs.getLong(12);
                Long scheduledId = rs.wasNull() ? null : sched;
                return Optional.of(new OutboxRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getInt(7) != 0, rs.getInt(8), rs.getInt(9) != 0, rs.getInt(10), rs.getString(11),
                        scheduledId, rs.getString(13), rs.getString(14)));
            }
        }
    }
}
