package dev.wabridge.daemon.store.sqlite;

import dev.wabridge.daemon.store.ApiToken;
import dev.wabridge.daemon.store.StoreException;
import dev.wabridge.daemon.store.TokenRepository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@link TokenRepository} on SQLite; scopes are stored comma-separated. */
final class SqliteTokenRepository implements TokenRepository {
    private final SqliteDatabase db;

    SqliteTokenRepository(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public Optional<ApiToken> insert(String name, byte[] hash, String prefix, Set<String> scopes, Instant now) {
        String createdAt = now.toString();
        try {
            long id = db.call(c -> Sql.insert(c, "INSERT INTO api_tokens(name, token_hash, token_prefix, scopes, created_at) "
                    + "VALUES (?,?,?,?,?)", name, hash, prefix, String.join(",", scopes), createdAt));
            return Optional.of(new ApiToken(id, name, prefix, scopes, createdAt, null, null, hash));
        } catch (StoreException e) {
            // The unique index on active names (a clash of random 32-byte hashes is not a real case).
            if (e.getCause() instanceof SQLException s && s.getMessage() != null && s.getMessage().contains("UNIQUE")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<ApiToken> list(boolean includeRevoked) {
        String sql = "SELECT id, name, token_prefix, scopes, created_at, last_used_at, revoked_at, token_hash FROM api_tokens"
                + (includeRevoked ? "" : " WHERE revoked_at IS NULL") + " ORDER BY id";
        return db.call(c -> Sql.list(c, sql, SqliteTokenRepository::read));
    }

    @Override
    public boolean revoke(String name, Instant now) {
        return db.call(c -> Sql.update(c, "UPDATE api_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL",
                now.toString(), name)) > 0;
    }

    @Override
    public boolean anyActive() {
        return db.call(c -> Sql.one(c, "SELECT 1 AS found FROM api_tokens WHERE revoked_at IS NULL LIMIT 1", rs -> true)).isPresent();
    }

    @Override
    public void markUsed(long id, Instant now) {
        db.submit(c -> Sql.update(c, "UPDATE api_tokens SET last_used_at = ? WHERE id = ?", now.toString(), id));
    }

    private static ApiToken read(ResultSet rs) throws SQLException {
        Set<String> scopes = new LinkedHashSet<>(List.of(rs.getString("scopes").split(",")));
        return new ApiToken(rs.getLong("id"), rs.getString("name"), rs.getString("token_prefix"), scopes, rs.getString("created_at"),
                rs.getString("last_used_at"), rs.getString("revoked_at"), rs.getBytes("token_hash"));
    }
}
