package dev.wabridge.daemon.sessions;

import dev.wabridge.daemon.store.Database;
import dev.wabridge.transport.KeyStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The transport's KeyStore SPI on the daemon's SQLite file (table key_material, 0600). */
public final class SqliteKeyStore implements KeyStore {
    private final Database db;
    private final long sessionId;

    public SqliteKeyStore(Database db, long sessionId) {
        this.db = db;
        this.sessionId = sessionId;
    }

    @Override
    public Optional<byte[]> get(String namespace, String key) {
        return db.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT value FROM key_material WHERE session_id = ? AND namespace = ? AND key = ?")) {
                ps.setLong(1, sessionId);
                ps.setString(2, namespace);
                ps.setString(3, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void put(String namespace, String key, byte[] value) {
        putAll(namespace, java.util.Collections.singletonMap(key, value));
    }

    @Override
    public void delete(String namespace, String key) {
        putAll(namespace, java.util.Collections.singletonMap(key, null));
    }

    @Override
    public List<String> keys(String namespace) {
        return db.call(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT key FROM key_material WHERE session_id = ? AND namespace = ? ORDER BY key")) {
                ps.setLong(1, sessionId);
                ps.setString(2, namespace);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void putAll(String namespace, Map<String, byte[]> values) {
        db.transaction(c -> {
            try (PreparedStatement put = c.prepareStatement(
                    "INSERT INTO key_material(session_id, namespace, key, value) VALUES (?,?,?,?) "
                            + "ON CONFLICT(session_id, namespace, key) DO UPDATE SET value = excluded.value");
                 PreparedStatement del = c.prepareStatement("DELETE FROM key_material WHERE session_id = ? AND namespace = ? AND key = ?")) {
                for (Map.Entry<String, byte[]> e : values.entrySet()) {
                    PreparedStatement ps = e.getValue() == null ? del : put;
                    ps.setLong(1, sessionId);
                    ps.setString(2, namespace);
                    ps.setString(3, e.getKey());
                    if (e.getValue() != null) {
                        ps.setBytes(4, e.getValue());
                    }
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public void clear() {
        db.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM key_material WHERE session_id = ?")) {
                ps.setLong(1, sessionId);
                return ps.executeUpdate();
            }
        });
    }
}
