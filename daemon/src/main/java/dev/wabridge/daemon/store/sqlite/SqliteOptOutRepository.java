package dev.wabridge.daemon.store.sqlite;

import dev.wabridge.daemon.store.OptOut;
import dev.wabridge.daemon.store.OptOutRepository;
import dev.wabridge.daemon.store.Times;
import dev.wabridge.daemon.store.Tx;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link OptOutRepository} on SQLite. */
final class SqliteOptOutRepository implements OptOutRepository {
    private static final String SELECT = "SELECT phone, reason, source, created_at FROM optouts";
    private final SqliteDatabase db;

    SqliteOptOutRepository(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public Optional<OptOut> find(String phone) {
        return db.call(c -> find(c, phone));
    }

    @Override
    public Optional<OptOut> find(Tx tx, String phone) {
        return find(SqliteTx.connection(tx), phone);
    }

    @Override
    public OptOut addIfAbsent(String phone, String reason, String source, Instant now) {
        return db.transaction(c -> {
            Optional<OptOut> existing = find(c, phone);
            if (existing.isPresent()) {
                return existing.get();
            }
            Sql.update(c, "INSERT INTO optouts(phone, reason, source, created_at) VALUES (?,?,?,?)", phone, reason, source, now);
            return new OptOut(phone, reason, source, Times.sql(now));
        });
    }

    @Override
    public boolean remove(String phone) {
        return db.call(c -> Sql.update(c, "DELETE FROM optouts WHERE phone = ?", phone)) > 0;
    }

    @Override
    public Page page(int limit, int offset) {
        return db.call(c -> new Page(
                Sql.list(c, SELECT + " ORDER BY created_at DESC, phone LIMIT ? OFFSET ?", SqliteOptOutRepository::read, limit, offset),
                Sql.number(c, "SELECT count(*) FROM optouts")));
    }

    private static Optional<OptOut> find(Connection c, String phone) {
        return Sql.one(c, SELECT + " WHERE phone = ?", SqliteOptOutRepository::read, phone);
    }

    private static OptOut read(ResultSet rs) throws SQLException {
        return new OptOut(rs.getString("phone"), rs.getString("reason"), rs.getString("source"), rs.getString("created_at"));
    }
}
