package dev.wabridge.rpc.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;

/**
 * One open subscriptions/listen stream (2026-07-28): the event stream, the id of the listen
 * request (every notification on it names that id as its subscription id), the resource URIs
 * it asked for and the server accepted, and the token that opened it.
 */
record ListenStream(SseStream stream, JsonNode subscriptionId, Set<String> resourceUris, byte[] tokenHash, String token) {
    ListenStream {
        resourceUris = Set.copyOf(resourceUris);
    }
}
