package dev.wabridge.rpc.stdio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Bridges an MCP client that speaks stdio (one JSON-RPC message per line, as Claude Desktop
 * and editors launch servers) to the daemon's Streamable HTTP endpoint, normally over the
 * Unix socket. It carries the bearer token and the MCP session for the client, forwards
 * event-stream answers as lines, and relays server notifications from a GET stream.
 * A 2026-07-28 message (one with the per-request {@code _meta} envelope) is passed through
 * without a session, with the headers that revision wants (see {@link StatelessHeaders});
 * a subscriptions/listen answer stays open and its events become lines as they come.
 *
 * <p>stdout carries protocol only; diagnostics go to the {@code diagnostics} consumer (stderr).
 */
public final class StdioBridge {
    private final SocketAddress address;
    private final String hostHeader;
    private final String token;
    private final InputStream in;
    private final OutputStream out;
    private final Consumer<String> diagnostics;
    private final ObjectMapper mapper = new ObjectMapper();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    // In-flight HTTP exchanges, so EOF on stdin can wait for their answers before exiting.
    private final java.util.Set<CompletableFuture<Void>> inFlight = ConcurrentHashMap.newKeySet();
    private volatile String sessionId;
    private volatile String protocolVersion;
    private volatile Channel notificationStream;
    // Open subscriptions/listen answers: they end only when closed, so EOF on stdin closes them.
    private final Set<Channel> listenStreams = ConcurrentHashMap.newKeySet();

    public StdioBridge(SocketAddress address, String hostHeader, String token, InputStream in, OutputStream out, Consumer<String> diagnostics) {
        this.address = address;
        this.hostHeader = hostHeader;
        this.token = token;
        this.in = in;
        this.out = out;
        this.diagnostics = diagnostics;
    }

    /** Runs until stdin ends; then ends the MCP session and returns. */
    public void run() throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                CompletableFuture<Void> done = forward(line);
                if (isInitialize(line)) {
                    // Later messages need the session id this answer carries.
                    done.orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> null).join();
                }
            }
            listenStreams.forEach(Channel::close);
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
                    .orTimeout(60, TimeUnit.SECONDS).exceptionally(e -> null).join();
            if (sessionId != null) {
                exchange(HttpMethod.DELETE, null, null).orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
            }
        } finally {
            Channel stream = notificationStream;
            if (stream != null) {
                stream.close();
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        }
    }

    private boolean isInitialize(String line) {
        return line.contains("\"initialize\"");
    }

    private CompletableFuture<Void> forward(String line) {
        JsonNode message;
        try {
            message = mapper.readTree(line);
        } catch (IOException e) {
            // Let the daemon answer it: it produces the proper JSON-RPC parse error.
            message = null;
        }
        JsonNode id = message != null && message.isObject() ? message.get("id") : null;
        boolean isRequest = id != null && message.has("method");
        String method = message != null && message.isObject() ? message.path("method").asText("") : "";
        boolean unreadable = message == null || !message.isObject();
        CompletableFuture<Void> done = new CompletableFuture<>();
        inFlight.add(done);
        Consumer<Channel> onOpen = "subscriptions/listen".equals(method) ? listenStreams::add : channel -> { };
        exchange(HttpMethod.POST, line, onOpen, response -> {
            if (response.status >= 200 && response.status < 300) {
                if ("initialize".equals(method) && response.sessionId != null) {
                    sessionId = response.sessionId;
                    JsonNode v = parse(response.body).path("result").path("protocolVersion");
                    protocolVersion = v.isTextual() ? v.asText() : null;
                }
                if (!response.eventStream && !response.body.isEmpty()) {
                    emit(response.body);
                }
                if ("notifications/initialized".equals(method)) {
                    openNotificationStream();
                }
            } else if (isRequest) {
                emit(errorFor(id, response));
            } else if (unreadable && parse(response.body) != null) {
                emit(response.body); // the daemon's parse error (id null), as a stdio server answers
            } else {
                diagnostics.accept("daemon answered HTTP " + response.status + " to a notification: " + response.body);
            }
        }).whenComplete((ok, failure) -> {
            if (failure != null && isRequest) {
                emit(error(id, -32603, "wabridge daemon unreachable at " + address + ": " + failure.getMessage()
                        + " (is './wabridge run' running?)"));
            }
            inFlight.remove(done);
            done.complete(null);
        });
        return done;
    }

    private String errorFor(JsonNode id, Response response) {
        JsonNode body = parse(response.body);
        if (body != null && body.has("error")) {
            ((ObjectNode) body).set("id", id);
            return body.toString();
        }
        return error(id, -32603, "wabridge daemon answered HTTP " + response.status + ": " + response.body.trim());
    }

    private String error(JsonNode id, int code, String message) {
        ObjectNode e = mapper.createObjectNode();
        e.put("jsonrpc", "2.0");
        e.set("id", id);
        e.putObject("error").put("code", code).put("message", message);
        return e.toString();
    }

    private JsonNode parse(String text) {
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private void openNotificationStream() {
        exchangeStreaming(HttpMethod.GET, channel -> notificationStream = channel)
                .exceptionally(e -> {
                    diagnostics.accept("no notification stream: " + e.getMessage());
                    return null;
                });
    }

    private void emit(String json) {
        byte[] bytes = (json.replace("\n", "") + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (out) {
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                diagnostics.accept("stdout closed: " + e.getMessage());
            }
        }
    }

    private record Response(int status, String sessionId, boolean eventStream, String body) {
    }

    private CompletableFuture<Void> exchange(HttpMethod method, String body, Consumer<Response> onResponse) {
        return exchange(method, body, channel -> { }, onResponse);
    }

    private CompletableFuture<Void> exchange(HttpMethod method, String body, Consumer<Channel> onOpen, Consumer<Response> onResponse) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        connect().whenComplete((channel, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
                return;
            }
            onOpen.accept(channel);
            channel.closeFuture().addListener(f -> listenStreams.remove(channel));
            channel.pipeline().addLast(new ResponseHandler(result, onResponse, null));
            channel.writeAndFlush(request(method, body));
        });
        return result;
    }

    private CompletableFuture<Void> exchangeStreaming(HttpMethod method, Consumer<Channel> onOpen) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        connect().whenComplete((channel, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
                return;
            }
            onOpen.accept(channel);
            channel.pipeline().addLast(new ResponseHandler(result, r -> { }, this::emit));
            channel.writeAndFlush(request(method, null));
        });
        return result;
    }

    private FullHttpRequest request(HttpMethod method, String body) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, "/mcp", Unpooled.wrappedBuffer(bytes));
        request.headers().set(HttpHeaderNames.HOST, hostHeader);
        request.headers().set(HttpHeaderNames.CONNECTION, "close");
        if (method.equals(HttpMethod.GET)) {
            request.headers().set(HttpHeaderNames.ACCEPT, "text/event-stream");
        } else {
            request.headers().set(HttpHeaderNames.ACCEPT, "application/json, text/event-stream");
        }
        if (body != null) {
            request.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        }
        request.headers().set(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        if (token != null && !token.isEmpty()) {
            request.headers().set(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
        }
        Map<String, String> stateless = body == null ? Map.of() : StatelessHeaders.of(parse(body));
        if (!stateless.isEmpty()) {
            // A 2026-07-28 message stands alone: its own revision, no session.
            stateless.forEach((name, value) -> request.headers().set(name, value));
            return request;
        }
        String session = sessionId;
        if (session != null && !(body != null && isInitialize(body))) {
            request.headers().set("Mcp-Session-Id", session);
            if (protocolVersion != null) {
                request.headers().set("MCP-Protocol-Version", protocolVersion);
            }
        }
        return request;
    }

    private CompletableFuture<Channel> connect() {
        CompletableFuture<Channel> future = new CompletableFuture<>();
        Bootstrap b = new Bootstrap().group(group)
                .channel(address instanceof UnixDomainSocketAddress ? NioDomainSocketChannel.class : NioSocketChannel.class)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpClientCodec());
                    }
                });
        b.connect(address).addListener(f -> {
            if (f.isSuccess()) {
                future.complete(((io.netty.channel.ChannelFuture) f).channel());
            } else {
                future.completeExceptionally(f.cause());
            }
        });
        return future;
    }

    /** Collects one response; SSE data events go to {@code onEvent} (or the response's own list). */
    private final class ResponseHandler extends SimpleChannelInboundHandler<HttpObject> {
        private final CompletableFuture<Void> result;
        private final Consumer<Response> onResponse;
        private final Consumer<String> onEvent;
        private final StringBuilder body = new StringBuilder();
        private int status;
        private String session;
        private boolean eventStream;
        private SseParser sse;

        ResponseHandler(CompletableFuture<Void> result, Consumer<Response> onResponse, Consumer<String> onEvent) {
            this.result = result;
            this.onResponse = onResponse;
            this.onEvent = onEvent;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (msg instanceof HttpResponse response) {
                status = response.status().code();
                session = response.headers().get("Mcp-Session-Id");
                String type = response.headers().get(HttpHeaderNames.CONTENT_TYPE);
                eventStream = type != null && type.startsWith("text/event-stream");
                if (eventStream && status == 200) {
                    sse = new SseParser(onEvent != null ? onEvent : StdioBridge.this::emit);
                }
            }
            if (msg instanceof HttpContent content) {
                String text = content.content().toString(StandardCharsets.UTF_8);
                if (sse != null) {
                    sse.feed(text);
                } else {
                    body.append(text);
                }
                if (msg instanceof LastHttpContent) {
                    onResponse.accept(new Response(status, session, eventStream && status == 200, body.toString()));
                    result.complete(null);
                    ctx.close();
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!result.isDone()) {
                if (status != 0) {
                    onResponse.accept(new Response(status, session, eventStream && status == 200, body.toString()));
                    result.complete(null);
                } else {
                    result.completeExceptionally(new IOException("connection closed before a response"));
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            result.completeExceptionally(cause);
            ctx.close();
        }
    }
}
