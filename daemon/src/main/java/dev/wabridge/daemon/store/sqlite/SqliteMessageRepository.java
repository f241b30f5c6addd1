package dev.wabridge.daemon.store.sqlite;

import dev.wabridge.daemon.store.MessageDirection;
import dev.wabridge.daemon.store.MessageRepository;
import dev.wabridge.daemon.store.MessageRow;
import dev.wabridge.daemon.store.MessageStatus;
import dev.wabridge.daemon.store.Tx;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link MessageRepository} on SQLite. */
final class SqliteMessageRepository implements MessageRepository {
    private static final String SELECT = "SELECT id, message_id, session_id, direction, phone, text, status, "
            + "coalesce(sent_at, created_at) AS timestamp, error, created_at FROM messages";
    private final SqliteDatabase db;

    SqliteMessageRepository(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public void insertOutgoing(Tx tx, long sessionId, String phone, String text, String messageId, long outboxId, Instant now) {
        Sql.update(SqliteTx.connection(tx), "INSERT INTO messages(session_id, direction, phone, text, message_id, status, "
                + "outbox_id, created_at) VALUES (?, 'outgoing', ?, ?, ?, 'queued', ?, ?)", sessionId, phone, text, messageId, outboxId, now);
    }

    @Override
    public void markOutgoingSending(Tx tx, long outboxId) {
        Sql.update(SqliteTx.connection(tx), "UPDATE messages SET status = 'sending' WHERE outbox_id = ? AND status = 'queued'", outboxId);
    }

    @Override
    public void markOutgoingSent(Tx tx, long outboxId, Instant sentAt) {
        Sql.update(SqliteTx.connection(tx), "UPDATE messages SET status = 'sent', sent_at = ? WHERE outbox_id = ? "
                + "AND status IN ('queued','sending')", sentAt, outboxId);
    }

    @Override
    public void markOutgoingRetry(Tx tx, long outboxId, String error) {
        Sql.update(SqliteTx.connection(tx), "UPDATE messages SET status = 'queued', error = ? WHERE outbox_id = ? "
                + "AND status IN ('queued','sending')", error, outboxId);
    }

    @Override
    public void noteOutgoing(Tx tx, long outboxId, String note) {
        Sql.update(SqliteTx.connection(tx), "UPDATE messages SET error = ? WHERE outbox_id = ?", note, outboxId);
    }

    @Override
    public void markOutgoingFinal(Tx tx, long outboxId, MessageStatus status, String error) {
        Sql.update(SqliteTx.connection(tx), "UPDATE messages SET status = ?, error = ? WHERE outbox_id = ?", status.wire(), error, outboxId);
    }

    @Override
    public boolean insertIncoming(Tx tx, long sessionId, String messageId, String phone, String text, Instant at) {
        return Sql.update(SqliteTx.connection(tx), "INSERT OR IGNORE INTO messages(session_id, direction, phone, text, message_id, "
                + "status, created_at) VALUES (?, 'incoming', ?, ?, ?, 'received', ?)", sessionId, phone, text, messageId, at) > 0;
    }

    @Override
    public boolean insertOwnSent(Tx tx, long sessionId, String messageId, String phone, String text, Instant at) {
        return Sql.update(SqliteTx.connection(tx), "INSERT OR IGNORE INTO messages(session_id, direction, phone, text, message_id, "
                + "status, created_at, sent_at) VALUES (?, 'outgoing', ?, ?, ?, 'sent', ?, ?)", sessionId, phone, text, messageId, at, at) > 0;
    }

    @Override
    public Optional<String> markDelivered(long sessionId, String messageId, Instant at) {
        return db.call(c -> Sql.update(c, "UPDATE messages SET status = 'delivered', delivered_at = ? WHERE session_id = ? "
                + "AND direction = 'outgoing' AND message_id = ? AND status IN ('sending','sent')", at, sessionId, messageId) == 0
                ? Optional.empty() : phoneOf(c, sessionId, messageId));
    }

    @Override
    public Optional<String> markRead(long sessionId, String messageId, Instant at) {
        return db.call(c -> Sql.update(c, "UPDATE messages SET status = 'read', read_at = ?, delivered_at = coalesce(delivered_at, ?) "
                + "WHERE session_id = ? AND direction = 'outgoing' AND message_id = ? AND status IN ('sending','sent','delivered')",
                at, at, sessionId, messageId) == 0 ? Optional.empty() : phoneOf(c, sessionId, messageId));
    }

    private static Optional<String> phoneOf(Connection c, long sessionId, String messageId) {
        return Sql.one(c, "SELECT phone FROM messages WHERE session_id = ? AND direction = 'outgoing' AND message_id = ?",
                rs -> rs.getString("phone"), sessionId, messageId);
    }

    @Override
    public List<MessageRow> recent(MessageDirection direction, Long sessionId, Instant since, int limit) {
        Query q = new Query(SELECT + " WHERE created_at >= ?", since).andIf("direction", direction == null ? null : direction.wire())
                .andIf("session_id", sessionId).then(" ORDER BY created_at DESC, id DESC LIMIT ?", limit);
        return db.call(c -> Sql.list(c, q.sql(), SqliteMessageRepository::read, q.args()));
    }

    @Override
    public List<MessageRow> conversation(String phone, Long sessionId, int limit) {
        Query q = new Query("SELECT * FROM (" + SELECT + " WHERE phone = ?", phone).andIf("session_id", sessionId)
                .then(" ORDER BY created_at DESC, id DESC LIMIT ?) ORDER BY timestamp ASC, id ASC", limit);
        return db.call(c -> Sql.list(c, q.sql(), SqliteMessageRepository::read, q.args()));
    }

    @Override
    public List<MessageRow> after(long sinceId, MessageDirection direction, Long sessionId, String phone, int limit) {
        Query q = new Query(SELECT + " WHERE id > ?", sinceId).andIf("direction", direction == null ? null : direction.wire())
                .andIf("session_id", sessionId).andIf("phone", phone).then(" ORDER BY id ASC LIMIT ?", limit);
        return db.call(c -> Sql.list(c, q.sql(), SqliteMessageRepository::read, q.args()));
    }

    @Override
    public long lastId() {
        return db.call(c -> Sql.number(c, "SELECT coalesce(max(id), 0) FROM messages"));
    }

    @Override
    public List<String> recentPhones(long sessionId, int limit) {
        return db.call(c -> Sql.list(c, "SELECT phone FROM messages WHERE session_id = ? GROUP BY phone ORDER BY max(id) DESC LIMIT ?",
                rs -> rs.getString("phone"), sessionId, limit));
    }

    @Override
    public Optional<String> textOf(String messageId) {
        return db.call(c -> Sql.one(c, "SELECT text FROM messages WHERE message_id = ? LIMIT 1", rs -> rs.getString("text"), messageId));
    }

    @Override
    public Optional<String> lastOutgoingText() {
        return db.call(c -> Sql.one(c, "SELECT text FROM messages WHERE direction = 'outgoing' ORDER BY created_at DESC, id DESC LIMIT 1",
                rs -> rs.getString("text")));
    }

    @Override
    public boolean anyOfSession(long sessionId) {
        return db.call(c -> Sql.number(c, "SELECT EXISTS(SELECT 1 FROM messages WHERE session_id = ?)", sessionId)) == 1;
    }

    private static MessageRow read(ResultSet rs) throws SQLException {
        return new MessageRow(rs.getLong("id"), rs.getString("message_id"), rs.getLong("session_id"),
                MessageDirection.fromWire(rs.getString("direction")), rs.getString("phone"), rs.getString("text"),
                MessageStatus.fromWire(rs.getString("status")), rs.getString("timestamp"), rs.getString("error"));
    }
}
