package dev.wabridge.daemon.auth;

import dev.wabridge.daemon.store.ApiToken;
import dev.wabridge.daemon.store.TokenRepository;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Creates, lists and revokes API tokens. A token is "wab_" + 32 random bytes (base64url);
 * the store keeps its SHA-256 only, so a copied database does not leak working tokens.
 */
public final class TokenService {
    public static final String PREFIX = "wab_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TokenRepository tokens;
    private final Clock clock;

    public TokenService(TokenRepository tokens, Clock clock) {
        this.tokens = tokens;
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
        String prefix = token.substring(0, PREFIX.length() + 6);
        ApiToken stored = tokens.insert(name, sha256(token), prefix, scopes, clock.instant()).orElseThrow(() ->
                new IllegalArgumentException("an active token named '" + name + "' already exists; revoke it or pick another name"));
        return new Created(stored, token);
    }

    public List<ApiToken> list(boolean includeRevoked) {
        return tokens.list(includeRevoked);
    }

    /** Revokes the active token with this name; false when there is none. */
    public boolean revoke(String name) {
        return tokens.revoke(name, clock.instant());
    }

    public boolean anyActive() {
        return tokens.anyActive();
    }

    /** Records a use without waiting for the store: authentication must not queue behind writes. */
    public void markUsed(long id) {
        tokens.markUsed(id, clock.instant());
    }

    public static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is in every JDK", e);
        }
    }
}
