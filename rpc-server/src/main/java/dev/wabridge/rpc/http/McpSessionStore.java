package dev.wabridge.rpc.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Live MCP sessions by id, with idle expiry. */
final class McpSessionStore {
    private final SecureRandom random = new SecureRandom();
    // Shared by every worker thread serving requests and by the expiry sweep: a concurrent map
    // because sessions are created, looked up and removed from all of them at once.
    private final ConcurrentMap<String, McpSession> sessions = new ConcurrentHashMap<>();
    private final Duration idle;
    private final int max;
    private final Clock clock;

    McpSessionStore(Duration idle, int max, Clock clock) {
        this.idle = idle;
        this.max = max;
        this.clock = clock;
    }

    /** One token may hold at most this many sessions; beyond, its least recently used one goes. */
    static final int MAX_PER_TOKEN = 100;

    /** Empty when the store is full. */
    synchronized Optional<McpSession> create(String protocolVersion, JsonNode clientInfo, dev.wabridge.rpc.auth.Principal principal, String token) {
        byte[] tokenHash = McpSession.sha256(token);
        java.util.List<McpSession> own = sessions.values().stream().filter(s -> s.ownedByHash(tokenHash))
                .sorted(java.util.Comparator.comparing(McpSession::lastSeen)).toList();
        for (int i = 0; i <= own.size() - MAX_PER_TOKEN; i++) {
            remove(own.get(i).id());
        }
        if (sessions.size() >= max) {
            expireIdle();
            if (sessions.size() >= max) {
                return Optional.empty();
            }
        }
        byte[] raw = new byte[24];
        random.nextBytes(raw);
        // base64url: visible ASCII only, as Streamable HTTP requires of session ids
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        McpSession session = new McpSession(id, protocolVersion, clientInfo, principal.name(), token, clock.instant());
        sessions.put(id, session);
        return Optional.of(session);
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
    void revalidate(dev.wabridge.rpc.auth.TokenAuthenticator authenticator) {
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
