package dev.wabridge.rpc.auth;

import java.util.Set;

/**
 * Who made a request: the token's name and the scopes it was granted. Scopes are plain
 * strings the daemon defines (read, send, admin); rpc-server only checks membership.
 */
public record Principal(String name, Set<String> scopes) {
    public Principal {
        scopes = Set.copyOf(scopes);
    }

    public boolean has(String scope) {
        return scopes.contains(scope);
    }
}
