package dev.wabridge.daemon;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the daemon's SQLite file directly, so tests check rows, not just replies. */
public final class Db {
    private Db() {
    }

    public static List<Map<String, Object>> rows(Path db, String sql, Object... args) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                List<Map<String, Object>> out = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.put(md.getColumnLabel(i), rs.getObject(i));
                    }
                    out.add(row);
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, Object> one(Path db, String sql, Object... args) {
        List<Map<String, Object>> r = rows(db, sql, args);
        if (r.size() != 1) {
            throw new AssertionError("expected one row, got " + r.size() + " for " + sql);
        }
        return r.get(0);
    }

    /** The logged status of the outgoing message with that WhatsApp id; null while it is not logged. */
    public static String outgoingStatus(Path db, String messageId) {
        List<Map<String, Object>> r = rows(db, "SELECT status FROM messages WHERE direction = 'outgoing' AND message_id = ?", messageId);
        return r.isEmpty() ? null : (String) r.get(0).get("status");
    }

    public static long count(Path db, String sql, Object... args) {
        return ((Number) one(db, sql, args).values().iterator().next()).longValue();
    }

    /** Every row of every table except the token's last-use time: what "the store is unchanged" compares. */
    public static Map<String, List<Map<String, Object>>> snapshot(Path db) {
        Map<String, List<Map<String, Object>>> all = new LinkedHashMap<>();
        for (Map<String, Object> t : rows(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
            String table = (String) t.get("name");
            List<Map<String, Object>> content = rows(db, "SELECT * FROM \"" + table + "\" ORDER BY 1, 2");
            if (table.equals("api_tokens")) {
                content.forEach(r -> r.remove("last_used_at"));
            }
            content.forEach(r -> r.replaceAll((k, v) -> v instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : v));
            all.put(table, content);
        }
        return all;
    }
}
