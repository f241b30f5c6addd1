package dev.wabridge.transport.web.connection;

import dev.wabridge.transport.web.handshake.ClientHandshake;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.noise.NodeChannel;
import dev.wabridge.wire.noise.NoiseCipher;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.util.ReferenceCountUtil;

import java.time.Clock;

/**
 * Client end of the Noise layer. Starts the handshake when the WebSocket is up, answers the
 * server hello with our static key and ClientPayload, then turns frames into {@link Node}s and
 * back. Any failure (bad certificate, bad tag, bad node) is an exception: the channel closes.
 */
public final class NoiseClientHandler extends ChannelDuplexHandler {
    /** Fired once the handshake is done and nodes may flow. */
    public static final Object READY = "noise-ready";

    private final ClientHandshake handshake;
    private final byte[] clientPayload;
    private final Clock clock;
    private NoiseCipher read;
    private NoiseCipher write;

    public NoiseClientHandler(ClientHandshake handshake, byte[] clientPayload, Clock clock) {
        this.handshake = handshake;
        this.clientPayload = clientPayload;
        this.clock = clock;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(handshake.clientHello()));
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (read == null) {
                byte[] finish = handshake.clientFinish(ByteBufUtil.getBytes(frame), clientPayload, clock.instant());
                ctx.writeAndFlush(Unpooled.wrappedBuffer(finish));
                ClientHandshake.Keys keys = handshake.keys();
                read = keys.read();
                write = keys.write();
                ctx.fireUserEventTriggered(READY);
            } else {
                ctx.fireChannelRead(NodeChannel.read(read, frame, dev.wabridge.wire.binary.TokenDictionary.CURRENT));
            }
        } finally {
            ReferenceCountUtil.release(frame);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof Node node) {
            if (write == null) {
                promise.setFailure(new IllegalStateException("not connected yet"));
                return;
            }
            NodeChannel.write(ctx, write, node, promise, dev.wabridge.wire.binary.TokenDictionary.CURRENT);
        } else {
            ctx.write(msg, promise);
        }
    }
}
