package dev.wabridge.daemon.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The SQL of one key scope on a connection: one session's rows of {@code key_material}, or
 * {@code shared_key_material}. The two tables differ only in the session column, so one class
 * writes the statements for both. Callers choose the thread and the transaction.
 */
final class KeyTable {
    private final String table;
    /** Null for the shared table. */
    private final Long sessionId;

    private KeyTable(String table, Long sessionId) {
        this.table = table;
        this.sessionId = sessionId;
    }

    static KeyTable session(long sessionId) {
        return new KeyTable("key_material", sessionId);
    }

    static KeyTable shared() {
        return new KeyTable("shared_key_material", null);
    }

    private String scope() {
        return sessionId == null ? "namespace = ?" : "session_id = ? AND namespace = ?";
    }

    /** Binds the scope (session, namespace); returns the next parameter index. */
    private int bindScope(PreparedStatement ps, String namespace) throws SQLException {
        int i = 1;
        if (sessionId != null) {
            ps.setLong(i++, sessionId);
        }
        ps.setString(i++, Objects.requireNonNull(namespace, "namespace"));
        return i;
    }

    /** sqlite-jdbc reads a zero-length BLOB as null; the store keeps empty values as values. */
    private static byte[] value(ResultSet rs) throws SQLException {
        byte[] v = rs.getBytes(1);
        return v == null ? new byte[0] : v;
    }

    Optional<byte[]> get(Connection c, String namespace, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM " + table + " WHERE " + scope() + " AND key = ?")) {
            ps.setString(bindScope(ps, namespace), key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(value(rs)) : Optional.empty();
            }
        }
    }

    /** One statement, run once per key: a single trip to the store thread for the whole batch. */
    Map<String, byte[]> getMany(Connection c, String namespace, Collection<String> keys) throws SQLException {
        Map<String, byte[]> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM " + table + " WHERE " + scope() + " AND key = ?")) {
            int keyIndex = bindScope(ps, namespace);
            for (String key : keys) {
                ps.setString(keyIndex, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        out.put(key, value(rs));
                    }
                }
            }
        }
        return out;
    }

    /** Upserts every entry; a null value deletes its key. */
    void putAll(Connection c, String namespace, Map<String, byte[]> values) throws SQLException {
        String columns = sessionId == null ? "namespace, key" : "session_id, namespace, key";
        String params = sessionId == null ? "?, ?, ?" : "?, ?, ?, ?";
        try (PreparedStatement put = c.prepareStatement("INSERT INTO " + table + "(" + columns + ", value) VALUES (" + params + ") "
                + "ON CONFLICT(" + columns + ") DO UPDATE SET value = excluded.value");
             PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE " + scope() + " AND key = ?")) {
            for (Map.Entry<String, byte[]> e : values.entrySet()) {
                PreparedStatement ps = e.getValue() == null ? delete : put;
                int i = bindScope(ps, namespace);
                ps.setString(i++, e.getKey());
                if (e.getValue() != null) {
                    ps.setBytes(i, e.getValue());
                }
                ps.executeUpdate();
            }
        }
    }

    List<String> keys(Connection c, String namespace, String prefix) throws SQLException {
        Optional<String> upper = PrefixRange.upperBound(prefix);
        String sql = "SELECT key FROM " + table + " WHERE " + scope() + " AND key >= ?" + (upper.isPresent() ? " AND key < ?" : "")
                + " ORDER BY key";
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bindRange(ps, namespace, prefix, upper);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    void deletePrefix(Connection c, String namespace, String prefix) throws SQLException {
        Optional<String> upper = PrefixRange.upperBound(prefix);
        String sql = "DELETE FROM " + table + " WHERE " + scope() + " AND key >= ?" + (upper.isPresent() ? " AND key < ?" : "");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bindRange(ps, namespace, prefix, upper);
            ps.executeUpdate();
        }
    }

    private void bindRange(PreparedStatement ps, String namespace, String prefix, Optional<String> upper) throws SQLException {
        int i = bindScope(ps, namespace);
        ps.setString(i++, prefix);
        if (upper.isPresent()) {
            ps.setString(i, upper.get());
        }
    }

    /** Deletes every key of the session; the shared table is never cleared as a whole. */
    void clear(Connection c) throws SQLException {
        if (sessionId == null) {
            throw new IllegalStateException("the shared key store is not cleared as a whole");
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE session_id = ?")) {
            ps.setLong(1, sessionId);
            ps.executeUpdate();
        }
    }
}
