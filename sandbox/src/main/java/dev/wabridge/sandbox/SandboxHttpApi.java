package dev.wabridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sandbox's JSON test API on the same port (loopback only), so tests in any language and
 * other WhatsApp clients can drive it: see docs/sandbox.md. Requests to /ws/chat go on to
 * the WebSocket handler. Host and Origin are checked like the daemon's /mcp
 * ({@link SandboxRequestGuard}), and the path is percent-decoded before it is matched.
 */
final class SandboxHttpApi extends ChannelInboundHandlerAdapter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PHONE_ACTION = Pattern.compile("/sandbox/phones/(\\+?[0-9]+)/(scan|devices|unlink|messages|online|offline|auto-reply|link-code|chats)");
    private static final Pattern DEVICE_FAULT = Pattern.compile("/sandbox/devices/([^/]+)/(drop|restart|logout)");

    private final SandboxServer server;
    private final FaultApi faults;

    SandboxHttpApi(SandboxServer server) {
        this.server = server;
        this.faults = new FaultApi(server);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest req) || !req.uri().startsWith("/sandbox/")) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            String refused = SandboxRequestGuard.refusal(req.headers().get(HttpHeaderNames.HOST), req.headers().get(HttpHeaderNames.ORIGIN),
                    (InetSocketAddress) ctx.channel().localAddress());
            reply(ctx, req, refused != null ? new Answer(HttpResponseStatus.FORBIDDEN, Map.of("error", refused)) : handle(req));
        } catch (IllegalArgumentException e) {
            reply(ctx, req, new Answer(HttpResponseStatus.BAD_REQUEST, Map.of("error", e.getMessage())));
        } catch (RuntimeException e) {
            reply(ctx, req, new Answer(HttpResponseStatus.INTERNAL_SERVER_ERROR, Map.of("error", String.valueOf(e.getMessage()))));
        } finally {
            req.release();
        }
    }

    private record Answer(HttpResponseStatus status, Object body) {
    }

    private Answer handle(FullHttpRequest req) {
        String path = decodedPath(req.uri());
        boolean post = req.method().equals(HttpMethod.POST);
        Map<String, Object> fault = faults.handle(path, post, () -> body(req));
        if (fault != null) {
            return ok(fault);
        }
        if (path.equals("/sandbox/info") && req.method().equals(HttpMethod.GET)) {
            return ok(server.info());
        }
        if (path.equals("/sandbox/faults/delay") && post) {
            long ms = body(req).path("ms").asLong(-1);
            if (ms < 0 || ms > 60_000) {
                throw new IllegalArgumentException("body must be {\"ms\": 0..60000}");
            }
            server.delayFrames(ms);
            return ok(Map.of("delay_ms", ms));
        }
        Matcher m = PHONE_ACTION.matcher(path);
        if (m.matches()) {
            String phone = m.group(1).startsWith("+") ? m.group(1) : "+" + m.group(1);
            SandboxPhone p = server.phone(phone);
            return switch (m.group(2)) {
                case "scan" -> {
                    requirePost(post);
                    String qr = body(req).path("qr").asText(null);
                    if (qr == null) {
                        throw new IllegalArgumentException("body must be {\"qr\": \"<the QR string>\"}");
                    }
                    yield ok(Map.of("device_jid", p.scan(qr)));
                }
                case "link-code" -> {
                    requirePost(post);
                    String code = body(req).path("code").asText(null);
                    if (code == null) {
                        throw new IllegalArgumentException("body must be {\"code\": \"ABCD-EFGH\"}");
                    }
                    p.enterLinkCode(code);
                    yield ok(Map.of("phone", phone, "entered", true));
                }
                case "devices" -> ok(Map.of("linked", server.linkedDevices(phone), "online", server.onlineDevices(phone)));
                case "unlink" -> {
                    requirePost(post);
                    yield ok(Map.of("unlinked", p.unlinkAll()));
                }
                case "messages" -> {
                    if (!post) {
                        yield ok(Map.of("phone", phone, "messages", p.register().messages()));
                    }
                    JsonNode b = body(req);
                    String to = b.path("to").asText(null);
                    String text = b.path("text").asText(null);
                    if (to == null || text == null || text.isEmpty()) {
                        throw new IllegalArgumentException("body must be {\"to\": \"+34…\", \"text\": \"…\"}");
                    }
                    yield ok(Map.of("message_id", p.register().send(to, text)));
                }
                case "online", "offline" -> {
                    requirePost(post);
                    p.register().setOnline(m.group(2).equals("online"));
                    yield ok(Map.of("phone", phone, "online", m.group(2).equals("online")));
                }
                case "auto-reply" -> {
                    requirePost(post);
                    boolean on = body(req).path("on").asBoolean(true);
                    p.register().autoReply(on);
                    yield ok(Map.of("phone", phone, "auto_reply", on));
                }
                case "chats" -> {
                    if (!post) {
                        yield ok(Map.of("phone", phone, "chats", p.register().chats()));
                    }
                    JsonNode b = body(req);
                    String chat = b.path("chat").asText(null);
                    if (chat == null || !b.path("archived").isBoolean()) {
                        throw new IllegalArgumentException("body must be {\"chat\": \"+34…\", \"archived\": true|false}");
                    }
                    p.register().archive(chat, b.path("archived").asBoolean());
                    yield ok(Map.of("phone", phone, "chats", p.chats()));
                }
                default -> new Answer(HttpResponseStatus.NOT_FOUND, Map.of("error", "unknown phone action " + m.group(2) + "; see docs/sandbox.md"));
            };
        }
        Matcher d = DEVICE_FAULT.matcher(path);
        if (d.matches() && post) {
            String jid = d.group(1);
            boolean done = switch (d.group(2)) {
                case "drop" -> server.drop(jid);
                case "restart" -> server.forceRestart(jid);
                default -> server.forceLogout(jid);
            };
            return done ? ok(Map.of("device_jid", jid, "done", true))
                    : new Answer(HttpResponseStatus.NOT_FOUND, Map.of("error", "no such device (online) " + jid));
        }
        return new Answer(HttpResponseStatus.NOT_FOUND, Map.of("error", "unknown sandbox endpoint; see docs/sandbox.md"));
    }

    /**
     * The path with %XX decoded, so "/sandbox/phones/%2B34600000001/devices" (docs/sandbox.md
     * says to encode + so) is the phone +34600000001. A '+' stays a '+': it means a space only
     * in form-encoded queries, never in a path.
     */
    static String decodedPath(String uri) {
        String raw = uri.split("\\?", 2)[0];
        try {
            return new URI(raw).getPath();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the path is not a valid URI path: " + e.getReason());
        }
    }

    private static void requirePost(boolean post) {
        if (!post) {
            throw new IllegalArgumentException("use POST");
        }
    }

    private static Answer ok(Object body) {
        return new Answer(HttpResponseStatus.OK, body);
    }

    private static JsonNode body(FullHttpRequest req) {
        try {
            return JSON.readTree(req.content().toString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalArgumentException("the body is not JSON");
        }
    }

    private static void reply(ChannelHandlerContext ctx, FullHttpRequest req, Answer answer) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(answer.body() instanceof Map<?, ?> m ? new LinkedHashMap<>(m) : answer.body());
        } catch (Exception e) {
            bytes = "{}".getBytes(StandardCharsets.UTF_8);
        }
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, answer.status(), Unpooled.wrappedBuffer(bytes));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        HttpUtil.setContentLength(r, bytes.length);
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        var f = ctx.writeAndFlush(r);
        if (!keepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
