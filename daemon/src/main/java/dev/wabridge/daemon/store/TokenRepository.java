package dev.wabridge.daemon.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The api_tokens table: hashes and metadata of the MCP bearer tokens. A name identifies one
 * active token; revoked rows stay for the audit trail. Token times are stored as
 * {@link Instant#toString()}, as they always were (nothing sorts them as text).
 */
public interface TokenRepository {
    /** Stores a new active token; empty when an active token already has this name. */
    Optional<ApiToken> insert(String name, byte[] hash, String prefix, Set<String> scopes, Instant now);

    /** By id; revoked ones only when asked. */
    List<ApiToken> list(boolean includeRevoked);

    /** Revokes the active token with this name; false when there is none. */
    boolean revoke(String name, Instant now);

    boolean anyActive();

    /** Records a use; may complete after the call returns (it is only a hint for the owner). */
    void markUsed(long id, Instant now);
}
