package dev.wabridge.transport.web.connection;

import dev.wabridge.transport.web.binary.Node;
import dev.wabridge.transport.web.handshake.ServerHandshake;
import dev.wabridge.transport.web.noise.NoiseCipher;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;

/**
 * Server end of the Noise layer, as WhatsApp's servers run it (used by the sandbox): answers
 * the client hello, reads ClientFinish, then hands up a {@link ServerHandshake.Finished} event
 * followed by {@link Node}s.
 */
public final class NoiseServerHandler extends ChannelDuplexHandler {
    private final ServerHandshake handshake;
    private int handshakeStep;
    private NoiseCipher read;
    private NoiseCipher write;

    public NoiseServerHandler(ServerHandshake handshake) {
        this.handshake = handshake;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (handshakeStep == 0) {
                handshakeStep = 1;
                ctx.writeAndFlush(Unpooled.wrappedBuffer(handshake.serverHello(ByteBufUtil.getBytes(frame))));
            } else if (handshakeStep == 1) {
                handshakeStep = 2;
                ServerHandshake.Finished finished = handshake.clientFinish(ByteBufUtil.getBytes(frame));
                read = finished.read();
                write = finished.write();
                ctx.fireUserEventTriggered(finished);
            } else {
                ctx.fireChannelRead(NodeChannel.read(read, frame));
            }
        } finally {
            ReferenceCountUtil.release(frame);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof Node node) {
            NodeChannel.write(ctx, write, node, promise);
        } else {
            ctx.write(msg, promise);
        }
    }
}
