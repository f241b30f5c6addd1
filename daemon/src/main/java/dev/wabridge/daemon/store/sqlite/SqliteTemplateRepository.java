package dev.wabridge.daemon.store.sqlite;

import dev.wabridge.daemon.store.TemplateRepository;
import dev.wabridge.daemon.store.TemplateRow;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link TemplateRepository} on SQLite. */
final class SqliteTemplateRepository implements TemplateRepository {
    private static final String SELECT = "SELECT id, name, category, body, created_at, updated_at FROM templates";
    private final SqliteDatabase db;

    SqliteTemplateRepository(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public TemplateRow save(String name, String category, String body, Instant now) {
        return db.transaction(c -> {
            Sql.update(c, """
                    INSERT INTO templates(name, category, body, created_at, updated_at) VALUES (?,?,?,?,?)
                    ON CONFLICT(name) DO UPDATE SET category = excluded.category, body = excluded.body, updated_at = excluded.updated_at""",
                    name, category, body, now, now);
            return find(c, name).orElseThrow();
        });
    }

    @Override
    public Optional<TemplateRow> find(String name) {
        return db.call(c -> find(c, name));
    }

    @Override
    public List<TemplateRow> list(String category) {
        return category == null
                ? db.call(c -> Sql.list(c, SELECT + " ORDER BY name", SqliteTemplateRepository::read))
                : db.call(c -> Sql.list(c, SELECT + " WHERE category = ? ORDER BY name", SqliteTemplateRepository::read, category));
    }

    @Override
    public boolean delete(String name) {
        return db.call(c -> Sql.update(c, "DELETE FROM templates WHERE name = ?", name)) > 0;
    }

    private static Optional<TemplateRow> find(Connection c, String name) {
        return Sql.one(c, SELECT + " WHERE name = ?", SqliteTemplateRepository::read, name);
    }

    private static TemplateRow read(ResultSet rs) throws SQLException {
        return new TemplateRow(rs.getLong("id"), rs.getString("name"), rs.getString("category"), rs.getString("body"),
                rs.getString("created_at"), rs.getString("updated_at"));
    }
}
