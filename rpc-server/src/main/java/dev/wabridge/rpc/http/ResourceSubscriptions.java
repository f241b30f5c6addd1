package dev.wabridge.rpc.http;

import dev.wabridge.rpc.mcp.SubscriptionSink;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The resources each 2025-11-25 session subscribed to with resources/subscribe. Kept beside
 * the sessions rather than inside them: a session knows its streams, this knows interests,
 * and an entry of a session that ended is dropped at the next delivery.
 */
final class ResourceSubscriptions {
    // Written by worker threads serving subscribe requests, read by whichever thread publishes
    // an update (a WhatsApp session's thread): concurrent map of concurrent sets.
    private final ConcurrentMap<String, Set<String>> bySession = new ConcurrentHashMap<>();

    SubscriptionSink forSession(String sessionId) {
        return new SubscriptionSink() {
            @Override
            public void subscribe(String uri) {
                bySession.computeIfAbsent(sessionId, id -> ConcurrentHashMap.newKeySet()).add(uri);
            }

            @Override
            public void unsubscribe(String uri) {
                Set<String> uris = bySession.get(sessionId);
                if (uris != null) {
                    uris.remove(uri);
                }
            }
        };
    }

    boolean subscribed(String sessionId, String uri) {
        Set<String> uris = bySession.get(sessionId);
        return uris != null && uris.contains(uri);
    }

    /** Forgets the sessions that no longer exist. */
    void retain(Collection<String> liveSessionIds) {
        bySession.keySet().retainAll(Set.copyOf(liveSessionIds));
    }
}
