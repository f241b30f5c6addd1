package dev.wabridge.transport.web.client;

import dev.wabridge.transport.web.connection.NoiseClientHandler;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.socket.FrameCodec;
import dev.wabridge.wire.socket.FrameDecoder;
import dev.wabridge.wire.socket.FrameEncoder;
import dev.wabridge.wire.socket.WebSocketBinaryCodec;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.AttributeKey;

import java.net.URI;
import javax.net.ssl.SSLException;

/**
 * Opens the chat socket: WebSocket (TLS for wss) with WhatsApp Web's Origin header, then the
 * frame, Noise and node layers. Nodes and connection events go to a {@link Listener}, called
 * on the channel's event loop (the listener must hand work off, never block).
 */
final class WebSocketConnector {
    /** The largest frame the 3-byte length allows, as whatsmeow reads (socket/framesocket.go FrameMaxSize, 16 MiB). */
    static final int MAX_FRAME = FrameCodec.MAX_FRAME_SIZE;
    /** A WebSocket message carries one frame and its 3-byte length (and the first one also the intro header). */
    static final int MAX_MESSAGE = MAX_FRAME + 16;
    /** Why a channel closed, when it was an exception (read by the close event). */
    static final AttributeKey<Throwable> CLOSE_CAUSE = AttributeKey.valueOf("wabridge.closeCause");

    interface Listener {
        void ready(Channel channel);

        void node(Channel channel, Node node);

        void closed(Channel channel, Throwable cause);

        /** A frame that did not decrypt or decode; the connection goes on. */
        void undecodable(Channel channel, byte[] bytes, String why);
    }

    private final EventLoopGroup group;
    private final URI uri;
    private final String origin;
    private final SslContext ssl;

    WebSocketConnector(EventLoopGroup group, URI uri, String origin) {
        this.group = group;
        this.uri = uri;
        this.origin = origin;
        try {
            this.ssl = "wss".equalsIgnoreCase(uri.getScheme()) ? SslContextBuilder.forClient().build() : null;
        } catch (SSLException e) {
            throw new IllegalStateException("TLS is not available", e);
        }
    }

    ChannelFuture connect(NoiseClientHandler noise, Listener listener) {
        int port = uri.getPort() > 0 ? uri.getPort() : ssl != null ? 443 : 80;
        DefaultHttpHeaders headers = new DefaultHttpHeaders();
        // whatsmeow socket/framesocket.go NewFrameSocket: Origin, Cache-Control and Pragma
        headers.set(HttpHeaderNames.ORIGIN, origin);
        headers.set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        headers.set(HttpHeaderNames.PRAGMA, "no-cache");
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri).customHeaders(headers).maxFramePayloadLength(MAX_MESSAGE)
                .handshakeTimeoutMillis(20_000).dropPongFrames(true).build();
        return new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 20_000)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (ssl != null) {
                            ch.pipeline().addLast(ssl.newHandler(ch.alloc(), uri.getHost(), port));
                        }
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(16 << 10),
                                new WebSocketClientProtocolHandler(config), new WebSocketFrameAggregator(MAX_MESSAGE),
                                new WebSocketBinaryCodec(), new FrameDecoder(MAX_FRAME, false), new FrameEncoder(true),
                                noise, new SimpleChannelInboundHandler<Node>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, Node node) {
                                        listener.node(ctx.channel(), node);
                                    }

                                    @Override
                                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                                        if (evt == NoiseClientHandler.READY) {
                                            listener.ready(ctx.channel());
                                        } else if (evt instanceof NoiseClientHandler.Undecodable u) {
                                            listener.undecodable(ctx.channel(), u.bytes(), u.why());
                                        }
                                    }

                                    @Override
                                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                        ctx.channel().attr(CLOSE_CAUSE).setIfAbsent(cause);
                                        ctx.close();
                                    }

                                    @Override
                                    public void channelInactive(ChannelHandlerContext ctx) {
                                        listener.closed(ctx.channel(), ctx.channel().attr(CLOSE_CAUSE).get());
                                    }
                                });
                    }
                })
                .connect(uri.getHost(), port);
    }
}
