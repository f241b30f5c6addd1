package dev.wabridge.rpc.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wabridge.rpc.auth.Principal;
import dev.wabridge.rpc.jsonrpc.JsonRpcCodec;
import dev.wabridge.rpc.jsonrpc.JsonRpcErrorCode;
import dev.wabridge.rpc.jsonrpc.JsonRpcException;
import dev.wabridge.rpc.jsonrpc.JsonRpcMessage;
import dev.wabridge.rpc.mcp.CallContext;
import dev.wabridge.rpc.mcp.McpDispatcher;
import dev.wabridge.rpc.mcp.McpProtocol;
import dev.wabridge.rpc.resources.ResourceProvider;
import dev.wabridge.rpc.tools.ProgressSink;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * MCP 2026-07-28 on the same /mcp: every POST stands alone (no session, no initialize), is
 * checked by {@link StatelessChecks}, and is answered by the same dispatcher as a 2025-11-25
 * session's request. Only subscriptions/listen keeps its response open, as the event stream
 * that carries resource updates; no server-initiated request is ever written on a stream.
 */
final class StatelessEndpoint {
    private final McpDispatcher dispatcher;
    private final JsonRpcCodec codec;
    private final StatelessChecks checks;
    private final ResourceProvider resources;
    private final ListenStreams listens;
    private final McpServerConfig config;
    private final McpEndpoint streams;

    StatelessEndpoint(McpDispatcher dispatcher, JsonRpcCodec codec, ResourceProvider resources, ListenStreams listens,
                      McpServerConfig config, McpEndpoint streams) {
        this.dispatcher = dispatcher;
        this.codec = codec;
        this.checks = new StatelessChecks(codec.mapper());
        this.resources = resources;
        this.listens = listens;
        this.config = config;
        this.streams = streams;
    }

    void serve(ChannelHandlerContext ctx, McpEndpoint.Request request, JsonRpcMessage message, Principal principal) {
        switch (message.kind()) {
            case RESPONSE -> McpEndpoint.reply(ctx, HttpReplies.empty(HttpResponseStatus.ACCEPTED), request);
            case NOTIFICATION -> notification(ctx, request, message);
            case REQUEST -> request(ctx, request, message, principal);
        }
    }

    private void notification(ChannelHandlerContext ctx, McpEndpoint.Request request, JsonRpcMessage message) {
        String method = StatelessChecks.trimmed(request.headers().get(McpProtocol.HEADER_METHOD));
        if (method != null && !method.equals(message.method())) {
            McpEndpoint.reply(ctx, error(HttpResponseStatus.BAD_REQUEST, null, new StatelessChecks.Rejection(McpProtocol.HEADER_MISMATCH,
                    "Header mismatch: " + McpProtocol.HEADER_METHOD + " must equal the method", null)), request);
            return;
        }
        if ("notifications/cancelled".equals(message.method())) {
            // The only request worth cancelling here is an open subscriptions/listen.
            listens.cancel(message.params().path("requestId"), request.bearer());
        }
        McpEndpoint.reply(ctx, HttpReplies.empty(HttpResponseStatus.ACCEPTED), request);
    }

    private void request(ChannelHandlerContext ctx, McpEndpoint.Request request, JsonRpcMessage message, Principal principal) {
        Optional<StatelessChecks.Rejection> rejection = checks.check(request.headers(), message);
        if (rejection.isPresent()) {
            McpEndpoint.reply(ctx, error(HttpResponseStatus.BAD_REQUEST, message.id(), rejection.get()), request);
            return;
        }
        if ("subscriptions/listen".equals(message.method())) {
            listen(ctx, request, message, principal);
            return;
        }
        JsonNode progressToken = message.params().path("_meta").get("progressToken");
        if (progressToken != null && "tools/call".equals(message.method()) && McpEndpoint.wantsStream(request)) {
            streams.streamedRequest(ctx, request, message, progressToken, progress -> CallContext.stateless(principal, progress));
            return;
        }
        ObjectNode answer;
        HttpResponseStatus status = HttpResponseStatus.OK;
        try {
            answer = codec.result(message.id(), dispatcher.dispatch(message.method(), message.params(),
                    CallContext.stateless(principal, ProgressSink.NONE)));
        } catch (JsonRpcException e) {
            answer = codec.error(e.withId(message.id()));
            // 2026-07-28: an unknown (or removed) method is also an HTTP 404.
            if (e.code() == JsonRpcErrorCode.METHOD_NOT_FOUND) {
                status = HttpResponseStatus.NOT_FOUND;
            }
        }
        McpEndpoint.reply(ctx, HttpReplies.json(status, codec.encode(answer)), request);
    }

    /**
     * subscriptions/listen: acknowledges first with the part of the filter we honour (resource
     * URIs this token may read; there are no list-changed notifications here, since lists only
     * change with linked numbers and clients re-read them), then keeps the stream open for
     * notifications/resources/updated. The connection belongs to the stream from then on.
     */
    private void listen(ChannelHandlerContext ctx, McpEndpoint.Request request, JsonRpcMessage message, Principal principal) {
        JsonNode filter = message.params().get("notifications");
        if (filter == null || !filter.isObject()) {
            McpEndpoint.reply(ctx, error(HttpResponseStatus.OK, message.id(), new StatelessChecks.Rejection(
                    JsonRpcErrorCode.INVALID_PARAMS.code(), "Invalid params: subscriptions/listen needs a \"notifications\" filter object", null)), request);
            return;
        }
        Set<String> uris = new LinkedHashSet<>();
        for (JsonNode uri : filter.path("resourceSubscriptions")) {
            if (uri.isTextual() && resources.readable(uri.asText(), principal)) {
                uris.add(uri.asText());
            }
        }
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        McpEndpoint.sseHeaders(ctx, head.headers(), true);
        SseStream stream = new SseStream(ctx.channel(), "l" + Long.toHexString(System.nanoTime()));
        ListenStream listen = new ListenStream(stream, message.id(), uris, McpSession.sha256(request.bearer()), request.bearer());
        if (!listens.add(listen)) {
            McpEndpoint.reply(ctx, error(HttpResponseStatus.SERVICE_UNAVAILABLE, message.id(), new StatelessChecks.Rejection(-32000,
                    "Too many open subscriptions; close unused ones", null)), request);
            return;
        }
        ctx.writeAndFlush(head);
        ObjectNode params = codec.mapper().createObjectNode();
        ObjectNode honoured = params.putObject("notifications");
        if (filter.has("resourceSubscriptions")) {
            uris.forEach(honoured.putArray("resourceSubscriptions")::add);
        }
        params.putObject("_meta").set(McpProtocol.META_SUBSCRIPTION_ID, message.id());
        stream.send(codec.encode(codec.notification("notifications/subscriptions/acknowledged", params)));
        long every = config.sseKeepAlive().toMillis();
        ScheduledFuture<?> keepAlive = ctx.executor().scheduleAtFixedRate(stream::keepAlive, every, every, TimeUnit.MILLISECONDS);
        ctx.channel().closeFuture().addListener(f -> keepAlive.cancel(false));
    }

    private FullHttpResponse error(HttpResponseStatus status, JsonNode id, StatelessChecks.Rejection rejection) {
        ObjectNode body = codec.mapper().createObjectNode();
        body.put("jsonrpc", "2.0");
        if (id == null) {
            body.putNull("id");
        } else {
            body.set("id", id);
        }
        ObjectNode error = body.putObject("error").put("code", rejection.code()).put("message", rejection.message());
        if (rejection.data() != null) {
            error.set("data", rejection.data());
        }
        return HttpReplies.json(status, codec.encode(body));
    }
}
