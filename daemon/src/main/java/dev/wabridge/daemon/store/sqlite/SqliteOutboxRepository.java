package dev.wabridge.daemon.store.sqlite;

import dev.wabridge.daemon.store.OutboxRepository;
import dev.wabridge.daemon.store.OutboxRow;
import dev.wabridge.daemon.store.OutboxStatus;
import dev.wabridge.daemon.store.Tx;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link OutboxRepository} on SQLite. */
final class SqliteOutboxRepository implements OutboxRepository {
    private static final String SELECT = "SELECT id, session_id, phone, text, message_id, status, campaign, credits_reserved, "
            + "archive_after_send, attempts, last_error, scheduled_id, created_at, sent_at FROM outbox";
    private static final String OPEN = "status IN ('queued','sending')";
    private final SqliteDatabase db;

    SqliteOutboxRepository(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public long insertQueued(Tx tx, NewSend s) {
        return Sql.insert(SqliteTx.connection(tx), "INSERT INTO outbox(session_id, phone, text, message_id, status, campaign, "
                        + "credits_reserved, archive_after_send, scheduled_id, created_at) VALUES (?,?,?,?, 'queued', ?,?,?,?,?)",
                s.sessionId(), s.phone(), s.text(), s.messageId(), s.campaign(), s.creditsReserved(), s.archiveAfterSend(),
                s.scheduledId(), s.createdAt());
    }

    @Override
    public Optional<OutboxRow> find(long id) {
        return db.call(c -> Sql.one(c, SELECT + " WHERE id = ?", SqliteOutboxRepository::read, id));
    }

    @Override
    public Optional<OutboxRow> find(Tx tx, long id) {
        return Sql.one(SqliteTx.connection(tx), SELECT + " WHERE id = ?", SqliteOutboxRepository::read, id);
    }

    @Override
    public Optional<OutboxRow> oldestOpen(long sessionId) {
        return db.call(c -> Sql.one(c, SELECT + " WHERE session_id = ? AND " + OPEN + " ORDER BY id LIMIT 1",
                SqliteOutboxRepository::read, sessionId));
    }

    @Override
    public int positionInQueue(long sessionId, long outboxId) {
        return (int) (long) db.call(c -> Sql.number(c, "SELECT count(*) FROM outbox WHERE session_id = ? AND " + OPEN + " AND id < ?",
                sessionId, outboxId));
    }

    @Override
    public long openCount() {
        return db.call(c -> Sql.number(c, "SELECT count(*) FROM outbox WHERE " + OPEN));
    }

    @Override
    public long openCount(long sessionId) {
        return db.call(c -> Sql.number(c, "SELECT count(*) FROM outbox WHERE session_id = ? AND " + OPEN, sessionId));
    }

    @Override
    public List<Long> openIds(Tx tx, long sessionId) {
        return Sql.list(SqliteTx.connection(tx), "SELECT id FROM outbox WHERE session_id = ? AND " + OPEN,
                rs -> rs.getLong("id"), sessionId);
    }

    @Override
    public boolean claim(Tx tx, long id) {
        return Sql.update(SqliteTx.connection(tx),
                "UPDATE outbox SET status = 'sending', attempts = attempts + 1 WHERE id = ? AND " + OPEN, id) > 0;
    }

    @Override
    public boolean markSent(Tx tx, long id, Instant sentAt) {
        return Sql.update(SqliteTx.connection(tx),
                "UPDATE outbox SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ? AND " + OPEN, sentAt, id) > 0;
    }

    @Override
    public void markRetry(Tx tx, long id, String error) {
        Sql.update(SqliteTx.connection(tx), "UPDATE outbox SET status = 'queued', last_error = ? WHERE id = ? AND " + OPEN, error, id);
    }

    @Override
    public void markRateLimited(Tx tx, long id, String error) {
        Sql.update(SqliteTx.connection(tx), "UPDATE outbox SET status = 'queued', last_error = ?, attempts = max(0, attempts - 1) "
                + "WHERE id = ? AND " + OPEN, error, id);
    }

    @Override
    public void markFinal(Tx tx, long id, OutboxStatus status, String error) {
        Sql.update(SqliteTx.connection(tx), "UPDATE outbox SET status = ?, last_error = ? WHERE id = ?", status.wire(), error, id);
    }

    @Override
    public long reservedCredits(Tx tx) {
        return Sql.number(SqliteTx.connection(tx), "SELECT coalesce(sum(credits_reserved),0) FROM outbox WHERE " + OPEN);
    }

    @Override
    public long creditsSpentSince(Tx tx, Instant since) {
        return Sql.number(SqliteTx.connection(tx),
                "SELECT coalesce(sum(credits_reserved),0) FROM outbox WHERE status = 'sent' AND sent_at >= ?", since);
    }

    private static OutboxRow read(ResultSet rs) throws SQLException {
        return new OutboxRow(rs.getLong("id"), rs.getLong("session_id"), rs.getString("phone"), rs.getString("text"),
                rs.getString("message_id"), OutboxStatus.fromWire(rs.getString("status")), Sql.flag(rs, "campaign"),
                rs.getInt("credits_reserved"), Sql.flag(rs, "archive_after_send"), rs.getInt("attempts"),
                rs.getString("last_error"), Sql.nullableLong(rs, "scheduled_id"), rs.getString("created_at"),
                rs.getString("sent_at"));
    }
}
