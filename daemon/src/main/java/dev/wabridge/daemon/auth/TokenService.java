package dev.wabridge.daemon.auth;

import dev.wabridge.daemon.store.Database;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Creates, lists and revokes API tokens. A token is "wab_" + 32 random bytes (base64url);
 * the store keeps its SHA-256 only, so a copied database does not leak working tokens.
 */
public final class TokenService {
    public static final String PREFIX = "wab_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;
    private final Clock clock;

    public TokenService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A new token: the plain text is in {@code token} and exists nowhere else. */
    public record Created(ApiToken stored, String token) {
    }

    public Created create(String name, Set<String> scopes) {
        if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("a token name is 1-64 characters of letters, digits, '.', '_' or '-'");
        }
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        byte[] hash = sha256(token);
        String prefix = token.substring(0, PREFIX.length() + 6);
        String now = clock.instant().toString();
        String scopeList = String.join(",", scopes);
        long id = db.call(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO api_tokens(name, token_hash, token_prefix, scopes, created_at) VALUES (?,?,?,?,?)",
                    java.sql.Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, name);
                ps.setBytes(2, hash);
                ps.setString(3, prefix);
                ps.setString(4, scopeList);
                ps.setString(5, now);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            } catch (SQLException e) {
                if (e.getMessage() != null && e.getMessage().contains("UNIQUE")) {
                    throw new IllegalArgumentException("an active token named '" + name + "' already exists; revoke it or pick another name");
                }
                throw e;
            }
        });
        return new Created(new ApiToken(id, name, prefix, scopes, now, null, null, hash), token);
    }

    public List<ApiToken> list(boolean includeRevoked) {
        return db.call(c -> {
            List<ApiToken> out = new ArrayList<>();
            String sql = "SELECT id, name, token_prefix, scopes, created_at, last_used_at, revoked_at, token_hash FROM api_tokens"
                    + (includeRevoked ? "" : " WHERE revoked_at IS NULL") + " ORDER BY id";
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Set<String> scopes = new LinkedHashSet<>(List.of(rs.getString(4).split(",")));
                    out.add(new ApiToken(rs.getLong(1), rs.getString(2), rs.getString(3), scopes, rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getBytes(8)));
                }
            }
            return out;
        });
    }

    /** Revokes the active token with this name; false when there is none. */
    public boolean revoke(String name) {
        String now = clock.instant().toString();
        return db.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE api_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL")) {
                ps.setString(1, now);
                ps.setString(2, name);
                return ps.executeUpdate() > 0;
            }
        });
    }

    public boolean anyActive() {
        return db.call(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM api_tokens WHERE revoked_at IS NULL LIMIT 1");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    public void markUsed(long id) {
        String now = clock.instant().toString();
        db.submit(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE api_tokens SET last_used_at = ? WHERE id = ?")) {
                ps.setString(1, now);
                ps.setLong(2, id);
                return ps.executeUpdate();
            }
        });
    }

    public static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is in every JDK", e);
        }
    }
}
