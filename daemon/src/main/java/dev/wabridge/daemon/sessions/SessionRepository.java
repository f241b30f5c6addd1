package dev.wabridge.daemon.sessions;

import dev.wabridge.daemon.store.Times;
import dev.wabridge.daemon.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for the sessions table. */
public final class SessionRepository {
    private static final String COLUMNS = "id, label, status, status_reason, auto_connect, phone, push_name, qr, qr_expires_at, "
            + "profile_name, profile_about, profile_description, profile_has_picture, created_at, last_seen_at";
    private final Database db;

    public SessionRepository(Database db) {
        this.db = db;
    }

    public SessionRow create(String label, Instant now) {
        return db.call(c -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO sessions(label, status, created_at) VALUES (?, 'qr_pending', ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, label);
                ps.setString(2, Times.sql(now));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            return find(c, id).orElseThrow();
        });
    }

    public Optional<SessionRow> find(long id) {
        return db.call(c -> find(c, id));
    }

    public List<SessionRow> all() {
        return db.call(c -> {
            List<SessionRow> out = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT " + COLUMNS + " FROM sessions ORDER BY id")) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        });
    }

    public void update(long id, String sql, Object... args) {
        db.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE sessions SET " + sql + " WHERE id = ?")) {
                int i = 1;
                for (Object a : args) {
                    ps.setObject(i++, a);
                }
                ps.setLong(i, id);
                return ps.executeUpdate();
            }
        });
    }

    public boolean delete(long id) {
        return db.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sessions WHERE id = ?")) {
                ps.setLong(1, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    static Optional<SessionRow> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM sessions WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static SessionRow read(ResultSet rs) throws SQLException {
        return new SessionRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5) != 0,
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                rs.getString(12), rs.getInt(13) != 0, rs.getString(14), rs.getString(15));
    }
}
