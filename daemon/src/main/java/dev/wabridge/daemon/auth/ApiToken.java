package dev.wabridge.daemon.auth;

import java.util.Set;

/** One token as stored (never the token itself). */
public record ApiToken(long id, String name, String prefix, Set<String> scopes, String createdAt,
                       String lastUsedAt, String revokedAt, byte[] hash) {
    public boolean active() {
        return revokedAt == null;
    }
}
