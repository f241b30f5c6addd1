package dev.wabridge.daemon.store;

import java.util.Set;

/** One API token as stored: its SHA-256 and metadata, never the token itself. */
public record ApiToken(long id, String name, String prefix, Set<String> scopes, String createdAt,
                       String lastUsedAt, String revokedAt, byte[] hash) {
    public boolean active() {
        return revokedAt == null;
    }
}
