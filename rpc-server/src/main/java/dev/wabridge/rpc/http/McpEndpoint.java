package dev.wabridge.rpc.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wabridge.rpc.auth.Principal;
import dev.wabridge.rpc.auth.TokenAuthenticator;
import dev.wabridge.rpc.jsonrpc.JsonRpcCodec;
import dev.wabridge.rpc.jsonrpc.JsonRpcErrorCode;
import dev.wabridge.rpc.jsonrpc.JsonRpcException;
import dev.wabridge.rpc.jsonrpc.JsonRpcMessage;
import dev.wabridge.rpc.mcp.CallContext;
import dev.wabridge.rpc.mcp.McpDispatcher;
import dev.wabridge.rpc.mcp.McpProtocol;
import dev.wabridge.rpc.mcp.SubscriptionSink;
import dev.wabridge.rpc.resources.ResourceProvider;
import dev.wabridge.rpc.tools.ProgressSink;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The Streamable HTTP transport of MCP at /mcp, after the event loop has done the cheap
 * checks (route, Host, Origin, media types). Runs on a worker thread: it authenticates,
 * then serves a 2026-07-28 request through {@link StatelessEndpoint} or finds the 2025-era
 * MCP session and hands JSON-RPC to the dispatcher. The revision is chosen per request.
 */
final class McpEndpoint {
    private static final Logger log = LoggerFactory.getLogger(McpEndpoint.class);

    private final McpDispatcher dispatcher;
    private final JsonRpcCodec codec;
    private final McpSessionStore sessions;
    private final TokenAuthenticator authenticator;
    private final McpServerConfig config;
    private final ResourceSubscriptions subscriptions;
    private final StatelessEndpoint stateless;

    McpEndpoint(McpDispatcher dispatcher, JsonRpcCodec codec, McpSessionStore sessions,
                TokenAuthenticator authenticator, McpServerConfig config, ResourceProvider resources,
                ResourceSubscriptions subscriptions, ListenStreams listens) {
        this.dispatcher = dispatcher;
        this.codec = codec;
        this.sessions = sessions;
        this.authenticator = authenticator;
        this.config = config;
        this.subscriptions = subscriptions;
        this.stateless = new StatelessEndpoint(dispatcher, codec, resources, listens, config, this);
    }

    McpSessionStore sessions() {
        return sessions;
    }

    /** A request as the event loop copied it out of Netty's buffers. */
    record Request(HttpMethod method, HttpHeaders headers, byte[] body, boolean keepAlive, boolean http11, Runnable done) {
        String bearer() {
            String authorization = headers.get(HttpHeaderNames.AUTHORIZATION);
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return authorization.substring(7).trim();
            }
            return "";
        }
    }

    /** Answers one request; returns when the response (or, for GET, the stream's start) is written. */
    void serve(ChannelHandlerContext ctx, Request request) {
        try {
            Optional<Principal> principal = authenticator.authenticate(request.bearer());
            if (principal.isEmpty()) {
                FullHttpResponse response = errorResponse(HttpResponseStatus.UNAUTHORIZED, -32001,
                        "Unauthorized: send a valid API token as 'Authorization: Bearer <token>' (create one with ./wabridge token create NAME)");
                response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"wabridge\", error=\"invalid_token\"");
                reply(ctx, response, request);
                return;
            }
            if (request.method().equals(HttpMethod.POST)) {
                post(ctx, request, principal.get());
            } else if (StatelessChecks.namesStatelessRevision(request.headers())) {
                // 2026-07-28 has no free-standing GET stream and no session to DELETE.
                FullHttpResponse response = errorResponse(HttpResponseStatus.METHOD_NOT_ALLOWED, -32000, "Method Not Allowed: MCP "
                        + McpProtocol.STATELESS.getFirst() + " only POSTs; updates come on a subscriptions/listen response");
                response.headers().set(HttpHeaderNames.ALLOW, "POST");
                reply(ctx, response, request);
            } else if (request.method().equals(HttpMethod.GET)) {
                get(ctx, request, principal.get());
            } else {
                delete(ctx, request, principal.get());
            }
        } catch (RuntimeException e) {
            log.error("MCP request failed", e);
            reply(ctx, errorResponse(HttpResponseStatus.INTERNAL_SERVER_ERROR, JsonRpcErrorCode.INTERNAL_ERROR.code(),
                    "Internal error; the daemon log has the details"), request);
        }
    }

    private void post(ChannelHandlerContext ctx, Request request, Principal principal) {
        JsonRpcMessage message;
        try {
            message = codec.decode(request.body());
        } catch (JsonRpcException e) {
            HttpResponseStatus status = e.code() == JsonRpcErrorCode.INVALID_PARAMS ? HttpResponseStatus.OK : HttpResponseStatus.BAD_REQUEST;
            reply(ctx, HttpReplies.json(status, codec.encode(codec.error(e))), request);
            return;
        }
        if (StatelessChecks.applies(request.headers(), message)) {
            stateless.serve(ctx, request, message, principal);
            return;
        }
        if (message.isRequest() && "initialize".equals(message.method())) {
            initialize(ctx, request, message, principal);
            return;
        }
        Optional<McpSession> session = requireSession(ctx, request, principal);
        if (session.isEmpty()) {
            return;
        }
        switch (message.kind()) {
            case RESPONSE -> reply(ctx, HttpReplies.empty(HttpResponseStatus.ACCEPTED), request);
            case NOTIFICATION -> {
                if ("notifications/initialized".equals(message.method())) {
                    session.get().markInitialized();
                }
                reply(ctx, HttpReplies.empty(HttpResponseStatus.ACCEPTED), request);
            }
            case REQUEST -> request(ctx, request, message, principal, session.get());
        }
    }

    private void initialize(ChannelHandlerContext ctx, Request request, JsonRpcMessage message, Principal principal) {
        McpDispatcher.Initialized initialized;
        try {
            initialized = dispatcher.initialize(message.params());
        } catch (JsonRpcException e) {
            reply(ctx, HttpReplies.json(HttpResponseStatus.OK, codec.encode(codec.error(e.withId(message.id())))), request);
            return;
        }
        Optional<McpSession> session = sessions.create(initialized.protocolVersion(), initialized.clientInfo(), principal, request.bearer());
        if (session.isEmpty()) {
            reply(ctx, errorResponse(HttpResponseStatus.SERVICE_UNAVAILABLE, -32000,
                    "Too many open MCP sessions; close unused clients or wait for idle sessions to expire"), request);
            return;
        }
        FullHttpResponse response = HttpReplies.json(HttpResponseStatus.OK, codec.encode(codec.result(message.id(), initialized.result())));
        response.headers().set(McpProtocol.HEADER_SESSION_ID, session.get().id());
        reply(ctx, response, request);
    }

    private void request(ChannelHandlerContext ctx, Request request, JsonRpcMessage message, Principal principal, McpSession session) {
        JsonNode progressToken = message.params().path("_meta").get("progressToken");
        SubscriptionSink sink = subscriptions.forSession(session.id());
        if (progressToken != null && "tools/call".equals(message.method()) && wantsStream(request)) {
            streamedRequest(ctx, request, message, progressToken, progress -> CallContext.session(principal, progress, session::logLevel, sink));
            return;
        }
        CallContext context = CallContext.session(principal, ProgressSink.NONE, session::logLevel, sink);
        reply(ctx, HttpReplies.json(HttpResponseStatus.OK, codec.encode(answer(message, context))), request);
    }

    /** An event-stream answer needs HTTP/1.1 (chunked) and a client that accepts one. */
    static boolean wantsStream(Request request) {
        return request.http11() && MediaTypes.accepts(request.headers().get(HttpHeaderNames.ACCEPT), MediaTypes.EVENT_STREAM);
    }

    /**
     * A tools/call whose client wants progress: answered as an event stream ending with the
     * result. Used by both revisions; {@code contextFor} makes the request's context around
     * the stream's progress sink.
     */
    void streamedRequest(ChannelHandlerContext ctx, Request request, JsonRpcMessage message, JsonNode progressToken,
                         Function<ProgressSink, CallContext> contextFor) {
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        sseHeaders(ctx, head.headers(), request.keepAlive());
        ctx.writeAndFlush(head);
        SseStream stream = new SseStream(ctx.channel(), "p" + Long.toHexString(System.nanoTime()));
        // A tool may think for a while: comments keep proxies and the idle timeout from closing the stream.
        long every = config.sseKeepAlive().toMillis();
        ScheduledFuture<?> keepAlive = ctx.executor().scheduleAtFixedRate(stream::keepAlive, every, every, TimeUnit.MILLISECONDS);
        ProgressSink progress = (value, total, text) -> {
            ObjectNode params = codec.mapper().createObjectNode();
            params.set("progressToken", progressToken);
            params.put("progress", value);
            if (total != null) {
                params.put("total", total);
            }
            if (text != null) {
                params.put("message", text);
            }
            stream.send(codec.encode(codec.notification("notifications/progress", params)));
        };
        ObjectNode response;
        try {
            response = answer(message, contextFor.apply(progress));
        } finally {
            keepAlive.cancel(false);
        }
        stream.send(codec.encode(response));
        var end = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        finish(ctx, end, request);
    }

    private ObjectNode answer(JsonRpcMessage message, CallContext context) {
        try {
            return codec.result(message.id(), dispatcher.dispatch(message.method(), message.params(), context));
        } catch (JsonRpcException e) {
            return codec.error(e.withId(message.id()));
        }
    }

    private void get(ChannelHandlerContext ctx, Request request, Principal principal) {
        if (!MediaTypes.accepts(request.headers().get(HttpHeaderNames.ACCEPT), MediaTypes.EVENT_STREAM)) {
            reply(ctx, errorResponse(HttpResponseStatus.NOT_ACCEPTABLE, -32000,
                    "Not Acceptable: GET /mcp opens an event stream; send 'Accept: text/event-stream'"), request);
            return;
        }
        if (config.streamScope() != null && !principal.has(config.streamScope())) {
            reply(ctx, errorResponse(HttpResponseStatus.FORBIDDEN, -32000, "Forbidden: the event stream carries incoming messages; the token '"
                    + principal.name() + "' lacks the '" + config.streamScope() + "' scope it needs"), request);
            return;
        }
        Optional<McpSession> session = requireSession(ctx, request, principal);
        if (session.isEmpty()) {
            return;
        }
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        sseHeaders(ctx, head.headers(), true);
        ctx.writeAndFlush(head);
        SseStream stream = new SseStream(ctx.channel(), "g" + Long.toHexString(System.nanoTime()));
        stream.prime();
        session.get().addStream(stream);
        long every = config.sseKeepAlive().toMillis();
        ScheduledFuture<?> keepAlive = ctx.executor().scheduleAtFixedRate(stream::keepAlive, every, every, TimeUnit.MILLISECONDS);
        ctx.channel().closeFuture().addListener(f -> keepAlive.cancel(false));
        // The connection now belongs to the stream: requests pipelined behind it are not served.
    }

    private void delete(ChannelHandlerContext ctx, Request request, Principal principal) {
        Optional<McpSession> session = requireSession(ctx, request, principal);
        if (session.isEmpty()) {
            return;
        }
        sessions.remove(session.get().id());
        reply(ctx, HttpReplies.empty(HttpResponseStatus.NO_CONTENT), request);
    }

    /**
     * Streamable HTTP: after initialize every request carries Mcp-Session-Id (400 without it,
     * 404 when it is unknown or expired) and, when present, a supported MCP-Protocol-Version.
     * The header may name any supported revision, not only the negotiated one: released
     * clients send their newest on GET and DELETE.
     */
    private Optional<McpSession> requireSession(ChannelHandlerContext ctx, Request request, Principal principal) {
        String version = request.headers().get(McpProtocol.HEADER_PROTOCOL_VERSION);
        if (version != null && !McpProtocol.isSupported(version)) {
            reply(ctx, errorResponse(HttpResponseStatus.BAD_REQUEST, -32000, "Bad Request: unsupported "
                    + McpProtocol.HEADER_PROTOCOL_VERSION + " '" + version + "'; supported: " + McpProtocol.SUPPORTED), request);
            return Optional.empty();
        }
        String id = request.headers().get(McpProtocol.HEADER_SESSION_ID);
        if (id == null || id.isBlank()) {
            reply(ctx, errorResponse(HttpResponseStatus.BAD_REQUEST, -32000,
                    "Bad Request: the Mcp-Session-Id header is required; send initialize first"), request);
            return Optional.empty();
        }
        Optional<McpSession> session = sessions.find(id.trim());
        if (session.isEmpty() || !session.get().ownedBy(request.bearer())) {
            reply(ctx, errorResponse(HttpResponseStatus.NOT_FOUND, -32001,
                    "Session not found (expired or ended); send initialize to start a new one"), request);
            return Optional.empty();
        }
        return session;
    }

    private FullHttpResponse errorResponse(HttpResponseStatus status, int code, String message) {
        ObjectNode body = codec.mapper().createObjectNode();
        body.put("jsonrpc", "2.0");
        body.putNull("id");
        body.putObject("error").put("code", code).put("message", message);
        return HttpReplies.json(status, codec.encode(body));
    }

    static void sseHeaders(ChannelHandlerContext ctx, HttpHeaders headers, boolean keepAlive) {
        headers.set(HttpHeaderNames.CONTENT_TYPE, MediaTypes.EVENT_STREAM);
        headers.set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        headers.set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
        HttpReplies.cors(ctx, headers);
    }

    static void reply(ChannelHandlerContext ctx, FullHttpResponse response, Request request) {
        finish(ctx, HttpReplies.write(ctx, response, request.keepAlive()), request);
    }

    /** Once a response is out, the connection serves its next request (see McpHttpHandler). */
    private static void finish(ChannelHandlerContext ctx, ChannelFuture written, Request request) {
        if (request.keepAlive()) {
            written.addListener(f -> request.done().run());
        } else {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
