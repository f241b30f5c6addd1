package dev.wabridge.wire.noise;

import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.binary.NodeDecoder;
import dev.wabridge.wire.binary.NodeEncoder;
import dev.wabridge.wire.binary.TokenDictionary;
import dev.wabridge.wire.noise.NoiseCipher;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/** Transport-phase framing shared by both ends: Node ⇄ encoded bytes ⇄ Noise-encrypted frame. */
public final class NodeChannel {
    /** A compressed frame may inflate to at most this much (the frame limit itself is smaller). */
    public static final int MAX_INFLATED = 8 << 20;

    private NodeChannel() {
    }

    public static Node read(NoiseCipher read, ByteBuf frame, TokenDictionary tokens) {
        byte[] ciphertext = ByteBufUtil.getBytes(frame);
        return NodeDecoder.decode(read.decrypt(ciphertext), MAX_INFLATED, tokens);
    }

    public static void write(ChannelHandlerContext ctx, NoiseCipher write, Node node, ChannelPromise promise, TokenDictionary tokens) {
        ctx.write(Unpooled.wrappedBuffer(write.encrypt(NodeEncoder.encode(node, tokens))), promise);
    }
}
