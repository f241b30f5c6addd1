package dev.wabridge.transport.web.connection;

import dev.wabridge.transport.web.binary.Node;
import dev.wabridge.transport.web.binary.NodeDecoder;
import dev.wabridge.transport.web.binary.NodeEncoder;
import dev.wabridge.transport.web.binary.TokenDictionary;
import dev.wabridge.transport.web.noise.NoiseCipher;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/** Transport-phase framing shared by both ends: Node ⇄ encoded bytes ⇄ Noise-encrypted frame. */
final class NodeChannel {
    /** A compressed frame may inflate to at most this much (the frame limit itself is smaller). */
    static final int MAX_INFLATED = 8 << 20;

    private NodeChannel() {
    }

    static Node read(NoiseCipher read, ByteBuf frame, TokenDictionary tokens) {
        byte[] ciphertext = ByteBufUtil.getBytes(frame);
        return NodeDecoder.decode(read.decrypt(ciphertext), MAX_INFLATED, tokens);
    }

    static void write(ChannelHandlerContext ctx, NoiseCipher write, Node node, ChannelPromise promise, TokenDictionary tokens) {
        ctx.write(Unpooled.wrappedBuffer(write.encrypt(NodeEncoder.encode(node, tokens))), promise);
    }
}
