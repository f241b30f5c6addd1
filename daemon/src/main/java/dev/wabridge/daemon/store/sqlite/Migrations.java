package dev.wabridge.daemon.store.sqlite;

import dev.wabridge.daemon.store.StoreException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Versioned schema migrations from classpath SQL files listed in db/migration/index.txt.
 * Each runs once in its own transaction and is recorded with its checksum; an applied file
 * that changed afterwards stops the start rather than leaving two schemas in the wild.
 */
final class Migrations {
    private static final String DIR = "/db/migration/";

    private Migrations() {
    }

    record Migration(int version, String name, String sql, String checksum) {
    }

    static List<Migration> load() {
        List<Migration> list = new ArrayList<>();
        for (String line : resource("index.txt").split("\n")) {
            String name = line.trim();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            if (!name.matches("V\\d{3}__[a-z0-9_]+\\.sql")) {
                throw new IllegalStateException("migration file name must look like V001__name.sql: " + name);
            }
            int version = Integer.parseInt(name.substring(1, 4));
            if (version != list.size() + 1) {
                throw new IllegalStateException("migrations must be numbered 1, 2, 3...; found " + name);
            }
            String sql = resource(name);
            list.add(new Migration(version, name, sql, sha256(sql)));
        }
        return list;
    }

    /** Applies what is missing; returns how many were applied. */
    static int apply(Connection c, List<Migration> migrations) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                    + "checksum TEXT NOT NULL, applied_at TEXT NOT NULL)");
        }
        int applied = 0;
        for (Migration m : migrations) {
            String existing = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT checksum FROM schema_migrations WHERE version = ?")) {
                ps.setInt(1, m.version());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        existing = rs.getString(1);
                    }
                }
            }
            if (existing != null) {
                if (!existing.equals(m.checksum())) {
                    throw new StoreException("migration " + m.name() + " was changed after it was applied to this database; "
                            + "restore the original file and add a new migration instead");
                }
                continue;
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String statement : statements(m.sql())) {
                    s.execute(statement);
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO schema_migrations(version, name, checksum, applied_at) VALUES (?,?,?,?)")) {
                    ps.setInt(1, m.version());
                    ps.setString(2, m.name());
                    ps.setString(3, m.checksum());
                    ps.setString(4, Instant.now().toString());
                    ps.executeUpdate();
                }
                c.commit();
                applied++;
            } catch (SQLException e) {
                c.rollback();
                throw new StoreException("migration " + m.name() + " failed: " + e.getMessage(), e);
            } finally {
                c.setAutoCommit(true);
            }
        }
        return applied;
    }

    /** Splits on ';' at line ends; the migration files keep one statement per ';'-terminated block. */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                out.add(current.toString());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString());
        }
        return out;
    }

    private static String resource(String name) {
        try (InputStream in = Migrations.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("missing migration resource " + DIR + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
