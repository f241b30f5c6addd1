package dev.wabridge.rpc.auth;

import java.util.Optional;

/**
 * Checks a bearer token. Implemented by the daemon (tokens live hashed in its store).
 *
 * <p>Called on a worker thread, never on a Netty event loop, so an implementation may do I/O.
 * Implementations must compare in constant time.
 */
@FunctionalInterface
public interface TokenAuthenticator {
    Optional<Principal> authenticate(String bearerToken);

    /** For test fixtures and the conformance run: every caller is this principal. */
    static TokenAuthenticator allowAll(Principal principal) {
        return token -> Optional.of(principal);
    }
}
