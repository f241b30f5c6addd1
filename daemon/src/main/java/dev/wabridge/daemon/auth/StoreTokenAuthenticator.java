package dev.wabridge.daemon.auth;

import dev.wabridge.daemon.store.ApiToken;
import dev.wabridge.rpc.auth.Principal;
import dev.wabridge.rpc.auth.TokenAuthenticator;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Checks bearer tokens against the store's hashes. The active tokens are cached and reloaded
 * every few seconds, and at once (at most once a second) when an unknown token shows up, so
 * a token created or revoked with the CLI takes effect without restarting the daemon.
 *
 * <p>The presented token is hashed and compared with every active hash using
 * MessageDigest.isEqual, without stopping at the first match: the time taken does not depend
 * on which stored token, if any, is closest.
 */
public final class StoreTokenAuthenticator implements TokenAuthenticator {
    private static final Duration REFRESH = Duration.ofSeconds(5);
    private static final Duration MISS_RELOAD_MIN_GAP = Duration.ofSeconds(1);

    private final TokenService tokens;
    private final Clock clock;
    private static final Duration MARK_USED_EVERY = Duration.ofMinutes(1);
    // Written by every request thread; a concurrent map so last_used_at is stored at most
    // once a minute per token instead of once per request.
    private final ConcurrentMap<Long, Instant> lastMarked = new ConcurrentHashMap<>();
    private volatile Snapshot snapshot = new Snapshot(List.of(), Instant.EPOCH);

    private record Snapshot(List<ApiToken> active, Instant loadedAt) {
    }

    public StoreTokenAuthenticator(TokenService tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    public Optional<Principal> authenticate(String bearerToken) {
        if (bearerToken == null || bearerToken.isEmpty() || bearerToken.length() > 512) {
            return Optional.empty();
        }
        byte[] hash = TokenService.sha256(bearerToken);
        Instant now = clock.instant();
        Snapshot current = snapshot;
        if (current.loadedAt().plus(REFRESH).isBefore(now)) {
            current = reload(now);
        }
        ApiToken match = find(current, hash);
        if (match == null && current.loadedAt().plus(MISS_RELOAD_MIN_GAP).isBefore(now)) {
            match = find(reload(now), hash);
        }
        if (match == null) {
            return Optional.empty();
        }
        Instant marked = lastMarked.get(match.id());
        if (marked == null || marked.plus(MARK_USED_EVERY).isBefore(now)) {
            lastMarked.put(match.id(), now);
            tokens.markUsed(match.id());
        }
        return Optional.of(new Principal(match.name(), match.scopes()));
    }

    private synchronized Snapshot reload(Instant now) {
        if (!snapshot.loadedAt().isBefore(now.minusMillis(1))) {
            return snapshot; // another thread just did it
        }
        snapshot = new Snapshot(tokens.list(false), now);
        return snapshot;
    }

    private static ApiToken find(Snapshot snapshot, byte[] hash) {
        ApiToken match = null;
        for (ApiToken token : snapshot.active()) {
            if (MessageDigest.isEqual(token.hash(), hash)) {
                match = token;
            }
        }
        return match;
    }
}
