package dev.wabridge.daemon.logs;

import dev.wabridge.daemon.store.Times;
import dev.wabridge.daemon.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The message log, both directions: queries, incoming messages, receipts. */
public final class MessageLog {
    private final Database db;

    public record Entry(long id, String messageId, long sessionId, String direction, String phone, String text,
                        String status, String timestamp, String error) {
    }

    public MessageLog(Database db) {
        this.db = db;
    }

    /** Stores an incoming message once (WhatsApp may deliver it again after a reconnect). */
    public boolean recordIncoming(long sessionId, String messageId, String phone, String pushName, String text, Instant at) {
        return db.transaction(c -> {
            int inserted;
            try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO messages(session_id, direction, phone, text, message_id, "
                    + "status, created_at) VALUES (?, 'incoming', ?, ?, ?, 'received', ?)")) {
                ps.setLong(1, sessionId);
                ps.setString(2, phone);
                ps.setString(3, text);
                ps.setString(4, messageId);
                ps.setString(5, Times.sql(at));
                inserted = ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO contacts(session_id, phone, push_name, updated_at) VALUES (?,?,?,?) "
                    + "ON CONFLICT(session_id, phone) DO UPDATE SET push_name = coalesce(excluded.push_name, push_name), updated_at = excluded.updated_at")) {
                ps.setLong(1, sessionId);
                ps.setString(2, phone);
                ps.setString(3, pushName);
                ps.setString(4, Times.sql(at));
                ps.executeUpdate();
            }
            return inserted > 0;
        });
    }

    /** Moves an outgoing message forward to delivered or read; never backwards. */
    public void applyReceipt(long sessionId, String messageId, boolean read, Instant at) {
        db.call(c -> {
            String sql = read
                    ? "UPDATE messages SET status = 'read', read_at = ?, delivered_at = coalesce(delivered_at, ?) WHERE session_id = ? "
                    + "AND direction = 'outgoing' AND message_id = ? AND status IN ('sending','sent','delivered')"
                    : "UPDATE messages SET status = 'delivered', delivered_at = ? WHERE session_id = ? AND direction = 'outgoing' "
                    + "AND message_id = ? AND status IN ('sending','sent')";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setString(i++, Times.sql(at));
                if (read) {
                    ps.setString(i++, Times.sql(at));
                }
                ps.setLong(i++, sessionId);
                ps.setString(i, messageId);
                return ps.executeUpdate();
            }
        });
    }

    /** Newest first. {@code direction} null means both. */
    public List<Entry> recent(String direction, Long sessionId, Instant since, int limit) {
        StringBuilder sql = new StringBuilder(SELECT + " WHERE created_at >= ?");
        List<Object> args = new ArrayList<>(List.of(Times.sql(since)));
        if (direction != null) {
            sql.append(" AND direction = ?");
            args.add(direction);
        }
        if (sessionId != null) {
            sql.append(" AND session_id = ?");
            args.add(sessionId);
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        args.add(limit);
        return query(sql.toString(), args);
    }

    /** The last {@code limit} messages with a phone, oldest first. */
    public List<Entry> conversation(String phone, Long sessionId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM (" + SELECT + " WHERE phone = ?");
        List<Object> args = new ArrayList<>(List.of(phone));
        if (sessionId != null) {
            sql.append(" AND session_id = ?");
            args.add(sessionId);
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?) ORDER BY timestamp ASC, id ASC");
        args.add(limit);
        return query(sql.toString(), args);
    }

    /** Text of an outgoing message by WhatsApp id, or of the newest outgoing message when id is null. */
    public java.util.Optional<String> outgoingText(String messageId) {
        String sql = messageId == null
                ? "SELECT text FROM messages WHERE direction = 'outgoing' ORDER BY created_at DESC, id DESC LIMIT 1"
                : "SELECT text FROM messages WHERE message_id = ? LIMIT 1";
        return db.call(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (messageId != null) {
                    ps.setString(1, messageId);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? java.util.Optional.of(rs.getString(1)) : java.util.Optional.empty();
                }
            }
        });
    }

    private static final String SELECT = "SELECT id, message_id, session_id, direction, phone, text, status, "
            + "coalesce(sent_at, created_at) AS timestamp, error, created_at FROM messages";

    private List<Entry> query(String sql, List<Object> args) {
        return db.call(c -> {
            List<Entry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
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

    private static Entry read(ResultSet rs) throws SQLException {
        return new Entry(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9));
    }
}
