package dev.wabridge.sandbox.noise;

import dev.wabridge.sandbox.noise.ServerHandshake;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.binary.TokenDictionary;
import dev.wabridge.wire.noise.NodeChannel;
import dev.wabridge.wire.noise.NoiseCipher;
import dev.wabridge.wire.socket.FrameDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.util.ReferenceCountUtil;

import java.util.function.Function;

/**
 * Server end of the Noise layer, as WhatsApp's servers run it (used by the sandbox). The
 * client's intro header is the Noise prologue and names the token dictionary, so the
 * handshake starts once the header is in; then it answers the client hello, reads
 * ClientFinish, and hands up a {@link ServerHandshake.Finished} event followed by
 * {@link Node}s.
 */
public final class NoiseServerHandler extends ChannelDuplexHandler {
    private final Function<byte[], ServerHandshake> handshakes;
    private ServerHandshake handshake;
    private TokenDictionary tokens;
    private int handshakeStep;
    private NoiseCipher read;
    private NoiseCipher write;

    /** @param handshakes makes the responder for a client's prologue (its intro header) */
    public NoiseServerHandler(Function<byte[], ServerHandshake> handshakes) {
        this.handshakes = handshakes;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof FrameDecoder.IntroHeader header) {
            handshake = handshakes.apply(header.bytes());
            tokens = TokenDictionary.forVersion(header.dictionaryVersion());
            return;
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
            if (handshake == null) {
                throw new CorruptedFrameException("frame before the intro header");
            }
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
                ctx.fireChannelRead(NodeChannel.read(read, frame, tokens));
            }
        } finally {
            ReferenceCountUtil.release(frame);
        }
    }

    /** A frame's plaintext written as is (a fault: bytes that are no node). */
    public record RawPlaintext(byte[] bytes) {
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof RawPlaintext raw) {
            ctx.write(Unpooled.wrappedBuffer(write.encrypt(raw.bytes())), promise);
        } else if (msg instanceof Node node) {
            NodeChannel.write(ctx, write, node, promise, tokens);
        } else {
            ctx.write(msg, promise);
        }
    }
}
