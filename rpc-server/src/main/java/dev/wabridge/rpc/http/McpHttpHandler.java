package dev.wabridge.rpc.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.codec.http.FullHttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Event-loop side of the endpoint: routing and the checks that need no I/O (Host, Origin,
 * method, media types). Everything else goes to a worker thread so the loop never blocks.
 *
 * <p>Requests on one connection are served one at a time, in arrival order: pipelined
 * requests wait in a small per-connection queue until the previous answer is written, so
 * HTTP/1.1 clients always match answers to requests.
 */
final class McpHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(McpHttpHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PATH = "/mcp";

    /** More pipelined requests than this on one connection close it (no client needs it). */
    static final int MAX_QUEUED = 16;

    private final McpEndpoint endpoint;
    // Owned by this channel's event loop: the requests waiting their turn.
    private final java.util.ArrayDeque<FullHttpRequest> queue = new java.util.ArrayDeque<>();
    private boolean busy;
    private final RequestGuard guard;
    private final Executor workers;
    /** Local TCP port, or -1 on the Unix socket. */
    private final int port;

    McpHttpHandler(McpEndpoint endpoint, RequestGuard guard, Executor workers, int port) {
        this.endpoint = endpoint;
        this.guard = guard;
        this.workers = workers;
        this.port = port;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (queue.size() >= MAX_QUEUED) {
            ctx.close();
            return;
        }
        queue.add(request.retain());
        drain(ctx);
    }

    private void drain(ChannelHandlerContext ctx) {
        while (!busy && !queue.isEmpty()) {
            FullHttpRequest next = queue.poll();
            try {
                handle(ctx, next);
            } finally {
                next.release();
            }
        }
    }

    /** Called on the event loop when the worker's answer has been written. */
    private void served(ChannelHandlerContext ctx) {
        busy = false;
        drain(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        queue.forEach(FullHttpRequest::release);
        queue.clear();
        super.channelInactive(ctx);
    }

    private void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (request.decoderResult().isFailure()) {
            HttpReplies.write(ctx, HttpReplies.text(HttpResponseStatus.BAD_REQUEST, "Malformed HTTP request\n"), false);
            return;
        }
        String path = request.uri();
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (!guard.hostAllowed(request.headers().get(HttpHeaderNames.HOST), port, fromThisMachine(ctx))) {
            reject(ctx, HttpResponseStatus.FORBIDDEN, "Forbidden: Host header not allowed (DNS rebinding protection)", keepAlive);
            return;
        }
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (!guard.originAllowed(origin, port)) {
            reject(ctx, HttpResponseStatus.FORBIDDEN, "Forbidden: Origin not allowed; add it to mcp.allowed_origins to let a browser page call", keepAlive);
            return;
        }
        // An allowed browser origin gets CORS headers on every answer (see HttpReplies).
        ctx.channel().attr(HttpReplies.ALLOWED_ORIGIN).set(origin);
        if (!PATH.equals(path)) {
            // Includes /.well-known/oauth-protected-resource*: no OAuth here, so discovery
            // fails fast and clients fall back to the configured bearer token.
            reject(ctx, HttpResponseStatus.NOT_FOUND, "Not found: the MCP endpoint is " + PATH, keepAlive);
            return;
        }
        HttpMethod method = request.method();
        if (method.equals(HttpMethod.POST)) {
            String accept = request.headers().get(HttpHeaderNames.ACCEPT);
            if (!MediaTypes.accepts(accept, MediaTypes.JSON) && !MediaTypes.accepts(accept, MediaTypes.EVENT_STREAM)) {
                reject(ctx, HttpResponseStatus.NOT_ACCEPTABLE,
                        "Not Acceptable: the client must accept application/json and text/event-stream", keepAlive);
                return;
            }
            if (!MediaTypes.is(request.headers().get(HttpHeaderNames.CONTENT_TYPE), MediaTypes.JSON)) {
                reject(ctx, HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
                        "Unsupported Media Type: POST a JSON-RPC message with 'Content-Type: application/json'", keepAlive);
                return;
            }
        } else if (method.equals(HttpMethod.OPTIONS)) {
            // CORS preflight of an allowed origin (a browser asks before sending Authorization).
            FullHttpResponse response = HttpReplies.empty(HttpResponseStatus.NO_CONTENT);
            response.headers().set(HttpHeaderNames.ALLOW, "GET, POST, DELETE, OPTIONS");
            if (origin != null) {
                response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, DELETE");
                response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS,
                        "Authorization, Content-Type, Accept, Mcp-Session-Id, MCP-Protocol-Version, Last-Event-ID");
                response.headers().set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "600");
            }
            HttpReplies.write(ctx, response, keepAlive);
            return;
        } else if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.DELETE)) {
            FullHttpResponse response = HttpReplies.text(HttpResponseStatus.METHOD_NOT_ALLOWED, "Use POST, GET or DELETE on " + PATH + "\n");
            response.headers().set(HttpHeaderNames.ALLOW, "GET, POST, DELETE, OPTIONS");
            HttpReplies.write(ctx, response, keepAlive);
            return;
        }
        boolean http11 = request.protocolVersion().equals(io.netty.handler.codec.http.HttpVersion.HTTP_1_1);
        McpEndpoint.Request copy = new McpEndpoint.Request(method, request.headers().copy(),
                ByteBufUtil.getBytes(request.content()), keepAlive, http11, () -> ctx.executor().execute(() -> served(ctx)));
        busy = true;
        try {
            workers.execute(() -> endpoint.serve(ctx, copy));
        } catch (RejectedExecutionException e) {
            busy = false;
            reject(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "Service Unavailable: the daemon is shutting down", false);
        }
    }

    /** A TCP peer on a loopback address (the Unix socket has no Host check at all). */
    private static boolean fromThisMachine(ChannelHandlerContext ctx) {
        return !(ctx.channel().remoteAddress() instanceof InetSocketAddress peer) || peer.getAddress() == null
                || peer.getAddress().isLoopbackAddress();
    }

    private static void reject(ChannelHandlerContext ctx, HttpResponseStatus status, String message, boolean keepAlive) {
        HttpReplies.write(ctx, HttpReplies.json(status, errorBody(message)), keepAlive);
    }

    /** A JSON-RPC error without an id (the request was never read as JSON-RPC), written by Jackson so any message is valid JSON. */
    static byte[] errorBody(String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("jsonrpc", "2.0");
        body.putNull("id");
        body.putObject("error").put("code", -32000).put("message", message);
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A broken or hostile connection ends here; the server and other connections go on.
        log.debug("closing MCP connection after error: {}", cause.toString());
        ctx.close();
    }
}
