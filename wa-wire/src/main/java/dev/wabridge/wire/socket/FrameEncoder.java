package dev.wabridge.wire.socket;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Prefixes each outgoing frame with its 3-byte length; the client's first frame also gets the intro header. */
public final class FrameEncoder extends MessageToByteEncoder<ByteBuf> {
    private boolean headerPending;

    public FrameEncoder(boolean sendIntroHeader) {
        this.headerPending = sendIntroHeader;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf frame, ByteBuf out) {
        int length = frame.readableBytes();
        if (length > FrameCodec.MAX_FRAME_SIZE) {
            throw new IllegalArgumentException("frame of " + length + " bytes is too large for the 3-byte length");
        }
        if (headerPending) {
            out.writeBytes(FrameCodec.INTRO_HEADER);
            headerPending = false;
        }
        out.writeMedium(length);
        out.writeBytes(frame);
    }
}
