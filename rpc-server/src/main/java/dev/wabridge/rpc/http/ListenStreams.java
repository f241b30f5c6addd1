package dev.wabridge.rpc.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wabridge.rpc.auth.TokenAuthenticator;
import dev.wabridge.rpc.jsonrpc.JsonRpcCodec;
import dev.wabridge.rpc.mcp.McpProtocol;
import io.netty.handler.codec.http.LastHttpContent;

import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open subscriptions/listen streams (2026-07-28), which carry resource updates to
 * stateless clients. Streams are added by worker threads and fed by whichever thread reports
 * an update, so the set is concurrent and each write goes through Netty's channel queue.
 */
final class ListenStreams {
    /** At most this many streams per token: its oldest one is ended beyond that, as for sessions. */
    static final int MAX_PER_TOKEN = 100;

    private final Set<ListenStream> streams = ConcurrentHashMap.newKeySet();
    private final JsonRpcCodec codec;
    private final int max;

    ListenStreams(JsonRpcCodec codec, int max) {
        this.codec = codec;
        this.max = max;
    }

    /** False when the server holds {@code max} streams already. */
    synchronized boolean add(ListenStream listen) {
        var own = streams.stream().filter(s -> MessageDigest.isEqual(s.tokenHash(), listen.tokenHash())).toList();
        for (int i = 0; i <= own.size() - MAX_PER_TOKEN; i++) {
            end(own.get(i));
        }
        if (streams.size() >= max) {
            return false;
        }
        streams.add(listen);
        listen.stream().channel().closeFuture().addListener(f -> streams.remove(listen));
        return true;
    }

    /** Sends notifications/resources/updated on every stream that subscribed to {@code uri}. */
    int resourceUpdated(String uri) {
        int delivered = 0;
        for (ListenStream listen : streams) {
            if (listen.resourceUris().contains(uri) && listen.stream().isOpen()) {
                ObjectNode params = codec.mapper().createObjectNode().put("uri", uri);
                params.putObject("_meta").set(McpProtocol.META_SUBSCRIPTION_ID, listen.subscriptionId());
                listen.stream().send(codec.encode(codec.notification("notifications/resources/updated", params)));
                delivered++;
            }
        }
        return delivered;
    }

    /** notifications/cancelled naming a listen request ends that stream, if the same token opened it. */
    boolean cancel(JsonNode requestId, String token) {
        byte[] hash = McpSession.sha256(token);
        Optional<ListenStream> match = streams.stream()
                .filter(s -> s.subscriptionId().equals(requestId) && MessageDigest.isEqual(s.tokenHash(), hash))
                .findFirst();
        match.ifPresent(this::end);
        return match.isPresent();
    }

    /** Streams whose token was revoked end, like the sessions of that token. */
    void revalidate(TokenAuthenticator authenticator) {
        for (ListenStream s : streams) {
            if (authenticator.authenticate(s.token()).isEmpty()) {
                end(s);
            }
        }
    }

    void closeAll() {
        streams.forEach(s -> s.stream().channel().close());
        streams.clear();
    }

    /**
     * Ends a subscription gracefully: its SubscriptionsListenResult (the response to the listen
     * request, naming the subscription), then the end of the stream.
     */
    private void end(ListenStream listen) {
        streams.remove(listen);
        ObjectNode result = codec.mapper().createObjectNode().put("resultType", "complete");
        result.putObject("_meta").set(McpProtocol.META_SUBSCRIPTION_ID, listen.subscriptionId());
        listen.stream().send(codec.encode(codec.result(listen.subscriptionId(), result)));
        listen.stream().channel().writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT)
                .addListener(f -> listen.stream().channel().close());
    }
}
