package dev.wabridge.daemon.store.sqlite;

import dev.wabridge.daemon.store.ScheduleRepository;
import dev.wabridge.daemon.store.ScheduleStatus;
import dev.wabridge.daemon.store.ScheduledMessage;
import dev.wabridge.daemon.store.Tx;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link ScheduleRepository} on SQLite; a row reads its send's WhatsApp id from the outbox. */
final class SqliteScheduleRepository implements ScheduleRepository {
    private static final String SELECT = "SELECT s.id, s.session_id, s.phone, s.text, s.template, s.campaign, s.scheduled_at, "
            + "s.status, s.outbox_id, o.message_id, s.error, s.created_at FROM scheduled_messages s LEFT JOIN outbox o ON o.id = s.outbox_id";
    /** Pending and not yet handed to the outbox. */
    private static final String WAITING = "status = 'pending' AND outbox_id IS NULL";
    private final SqliteDatabase db;

    SqliteScheduleRepository(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public ScheduledMessage insertPending(Tx tx, long sessionId, String phone, String text, String template, boolean campaign,
                                          Instant scheduledAt, Instant now) {
        Connection c = SqliteTx.connection(tx);
        long id = Sql.insert(c, "INSERT INTO scheduled_messages(session_id, phone, text, template, campaign, scheduled_at, status, "
                + "created_at) VALUES (?,?,?,?,?,?, 'pending', ?)", sessionId, phone, text, template, campaign, scheduledAt, now);
        return find(c, id).orElseThrow();
    }

    @Override
    public Optional<ScheduledMessage> find(long id) {
        return db.call(c -> find(c, id));
    }

    @Override
    public Optional<ScheduledMessage> find(Tx tx, long id) {
        return find(SqliteTx.connection(tx), id);
    }

    @Override
    public List<ScheduledMessage> list(ScheduleStatus status, Long sessionId, int limit) {
        Query q = new Query(SELECT + " WHERE 1=1").andIf("s.status", status == null ? null : status.wire())
                .andIf("s.session_id", sessionId).then(" ORDER BY s.scheduled_at, s.id LIMIT ?", limit);
        return db.call(c -> Sql.list(c, q.sql(), SqliteScheduleRepository::read, q.args()));
    }

    @Override
    public List<Long> dueIds(Instant now, int limit) {
        return db.call(c -> Sql.list(c, "SELECT id FROM scheduled_messages WHERE " + WAITING
                + " AND scheduled_at <= ? ORDER BY scheduled_at, id LIMIT ?", rs -> rs.getLong("id"), now, limit));
    }

    @Override
    public Optional<Instant> oldestWaiting() {
        return db.call(c -> Sql.one(c, "SELECT min(scheduled_at) AS due FROM scheduled_messages WHERE " + WAITING,
                rs -> rs.getString("due") == null ? null : Instant.parse(rs.getString("due"))));
    }

    @Override
    public int failWaitingBefore(Instant cutoff, String error) {
        return db.call(c -> Sql.update(c, "UPDATE scheduled_messages SET status = 'failed', error = ? WHERE " + WAITING
                + " AND scheduled_at < ?", error, cutoff));
    }

    @Override
    public boolean attachOutbox(Tx tx, long id, long outboxId) {
        return Sql.update(SqliteTx.connection(tx), "UPDATE scheduled_messages SET outbox_id = ? WHERE id = ? AND " + WAITING,
                outboxId, id) > 0;
    }

    @Override
    public void markCancelled(Tx tx, long id, String reason) {
        Sql.update(SqliteTx.connection(tx), "UPDATE scheduled_messages SET status = 'cancelled', error = ? WHERE id = ?", reason, id);
    }

    @Override
    public void failIfPending(long id, String reason) {
        db.call(c -> Sql.update(c, "UPDATE scheduled_messages SET status = 'failed', error = ? WHERE id = ? AND status = 'pending'",
                reason, id));
    }

    @Override
    public void cancelWaitingOfSession(long sessionId, String reason) {
        db.call(c -> Sql.update(c, "UPDATE scheduled_messages SET status = 'cancelled', error = ? WHERE session_id = ? AND " + WAITING,
                reason, sessionId));
    }

    @Override
    public void markSentByOutbox(Tx tx, long outboxId) {
        Sql.update(SqliteTx.connection(tx), "UPDATE scheduled_messages SET status = 'sent' WHERE outbox_id = ?", outboxId);
    }

    @Override
    public void markFinalByOutbox(Tx tx, long outboxId, ScheduleStatus status, String error) {
        Sql.update(SqliteTx.connection(tx), "UPDATE scheduled_messages SET status = ?, error = ? WHERE outbox_id = ?",
                status.wire(), error, outboxId);
    }

    @Override
    public boolean anyOfSession(long sessionId) {
        return db.call(c -> Sql.number(c, "SELECT EXISTS(SELECT 1 FROM scheduled_messages WHERE session_id = ?)", sessionId)) == 1;
    }

    private static Optional<ScheduledMessage> find(Connection c, long id) {
        return Sql.one(c, SELECT + " WHERE s.id = ?", SqliteScheduleRepository::read, id);
    }

    private static ScheduledMessage read(ResultSet rs) throws SQLException {
        return new ScheduledMessage(rs.getLong("id"), rs.getLong("session_id"), rs.getString("phone"), rs.getString("text"),
                rs.getString("template"), Sql.flag(rs, "campaign"), rs.getString("scheduled_at"),
                ScheduleStatus.fromWire(rs.getString("status")), Sql.nullableLong(rs, "outbox_id"), rs.getString("message_id"),
                rs.getString("error"), rs.getString("created_at"));
    }
}
