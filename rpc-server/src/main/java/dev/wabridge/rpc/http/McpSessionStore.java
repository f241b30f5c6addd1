package dev.wabridge.rpc.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wabridge.rpc.auth.Principal;
import dev.wabridge.rpc.auth.TokenAuthenticator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

/**
 * Live MCP sessions by id, with idle expiry, and fairness between tokens: one token holds at
 * most {@link #perTokenLimit} sessions (a new one replaces that token's least recently used),
 * and when the table is full a new session replaces the least recently used one of the
 * token holding the most. So no set of tokens can fill the table for everyone else until
 * their sessions idle out (issue 11: ten tokens could hold all 1000 slots for an hour). An
 * evicted client gets 404 on its next request and re-initializes, as Streamable HTTP says.
 */
final class McpSessionStore {
    /** One token's ceiling; a tenth of the table when that is smaller (tests use small tables). */
    static final int MAX_PER_TOKEN = 32;

    private final SecureRandom random = new SecureRandom();
    // Shared by every worker thread serving requests and by the expiry sweep: a concurrent map
    // because sessions are created, looked up and removed from all of them at once.
    private final ConcurrentMap<String, McpSession> sessions = new ConcurrentHashMap<>();
    private final Duration idle;
    private final int max;
    private final int perTokenLimit;
    private final Clock clock;

    McpSessionStore(Duration idle, int max, Clock clock) {
        this.idle = idle;
        this.max = max;
        this.perTokenLimit = Math.max(1, Math.min(MAX_PER_TOKEN, max / 10));
        this.clock = clock;
    }

    int perTokenLimit() {
        return perTokenLimit;
    }

    /** Empty only when the table is full of sessions with open event streams (none can be taken). */
    synchronized Optional<McpSession> create(String protocolVersion, JsonNode clientInfo, Principal principal, String token) {
        byte[] tokenHash = McpSession.sha256(token);
        for (List<McpSession> own = ownedBy(tokenHash); own.size() >= perTokenLimit; own = ownedBy(tokenHash)) {
            leastRecentlyUsed(own).ifPresent(s -> remove(s.id()));
        }
        if (sessions.size() >= max) {
            expireIdle();
        }
        if (sessions.size() >= max && !evictFromLargestHolder()) {
            return Optional.empty();
        }
        byte[] raw = new byte[24];
        random.nextBytes(raw);
        // base64url: visible ASCII only, as Streamable HTTP requires of session ids
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        McpSession session = new McpSession(id, protocolVersion, clientInfo, principal.name(), token, clock.instant());
        sessions.put(id, session);
        return Optional.of(session);
    }

    private List<McpSession> ownedBy(byte[] tokenHash) {
        return sessions.values().stream().filter(s -> s.ownedByHash(tokenHash)).toList();
    }

    /**
     * The table is full: the tokens holding the most sessions give up their least recently
     * used idle one (of those tokens' sessions, the oldest).
     */
    private boolean evictFromLargestHolder() {
        Map<String, List<McpSession>> byToken = sessions.values().stream().collect(Collectors.groupingBy(McpSession::token));
        int most = byToken.values().stream().mapToInt(List::size).max().orElse(0);
        List<McpSession> candidates = byToken.values().stream().filter(l -> l.size() == most).flatMap(List::stream).toList();
        return leastRecentlyUsedIdle(candidates).map(s -> remove(s.id())).orElse(false);
    }

    /** The least recently used of {@code candidates}, one without an open event stream first. */
    private static Optional<McpSession> leastRecentlyUsed(List<McpSession> candidates) {
        return leastRecentlyUsedIdle(candidates).or(() -> candidates.stream().min(Comparator.comparing(McpSession::lastSeen)));
    }

    private static Optional<McpSession> leastRecentlyUsedIdle(List<McpSession> candidates) {
        return candidates.stream().filter(s -> s.streams().stream().noneMatch(SseStream::isOpen))
                .min(Comparator.comparing(McpSession::lastSeen));
    }

    /** The live session with this id, touched; empty when unknown or expired. */
    Optional<McpSession> find(String id) {
        McpSession session = sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (isExpired(session, now)) {
            remove(id);
            return Optional.empty();
        }
        session.touch(now);
        return Optional.of(session);
    }

    boolean remove(String id) {
        McpSession session = sessions.remove(id);
        if (session != null) {
            session.close();
            return true;
        }
        return false;
    }

    void expireIdle() {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> {
            if (isExpired(s, now)) {
                s.close();
                return true;
            }
            return false;
        });
    }

    /** Ends the sessions whose token no longer authenticates (revoked): their streams close. */
    void revalidate(TokenAuthenticator authenticator) {
        for (McpSession s : sessions.values()) {
            if (authenticator.authenticate(s.token()).isEmpty()) {
                remove(s.id());
            }
        }
    }

    Collection<McpSession> all() {
        return sessions.values();
    }

    void closeAll() {
        sessions.values().forEach(McpSession::close);
        sessions.clear();
    }

    private boolean isExpired(McpSession session, Instant now) {
        // A session with an open event stream is in use even when no request comes.
        boolean streaming = session.streams().stream().anyMatch(SseStream::isOpen);
        return !streaming && session.lastSeen().plus(idle).isBefore(now);
    }
}
