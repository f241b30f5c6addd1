package dev.wabridge.wire.socket;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;

import java.util.List;

/**
 * Cuts the byte stream (WebSocket message contents, in order) into frames: 3-byte big-endian
 * length, then that many bytes. Several frames in one message and one frame across messages
 * are both fine. The server side first expects the 4-byte intro header ("WA", 6, dictionary
 * version 2 or 3) and announces it with an {@link IntroHeader} event. A frame over the limit,
 * or a wrong header, is a {@link CorruptedFrameException}: the connection closes.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
    private final int maxFrameSize;
    private boolean headerPending;

    public FrameDecoder(int maxFrameSize, boolean expectIntroHeader) {
        if (maxFrameSize < 1 || maxFrameSize > FrameCodec.MAX_FRAME_SIZE) {
            throw new IllegalArgumentException("frame size limit must be 1.." + FrameCodec.MAX_FRAME_SIZE);
        }
        this.maxFrameSize = maxFrameSize;
        this.headerPending = expectIntroHeader;
    }

    /** The client's intro header; its last byte is the token dictionary version. */
    public record IntroHeader(byte[] bytes) {
        public int dictionaryVersion() {
            return bytes[3];
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (headerPending) {
            if (in.readableBytes() < FrameCodec.INTRO_HEADER.length) {
                return;
            }
            byte[] header = new byte[FrameCodec.INTRO_HEADER.length];
            in.readBytes(header);
            if (header[0] != 'W' || header[1] != 'A' || header[2] != 6 || (header[3] != 2 && header[3] != 3)) {
                throw new CorruptedFrameException("bad intro header (expected WA, 6, 2 or 3)");
            }
            headerPending = false;
            ctx.fireUserEventTriggered(new IntroHeader(header));
        }
        while (in.readableBytes() >= FrameCodec.LENGTH_BYTES) {
            int length = in.getUnsignedMedium(in.readerIndex());
            if (length > maxFrameSize) {
                throw new TooLongFrameException("frame of " + length + " bytes exceeds the limit of " + maxFrameSize);
            }
            if (in.readableBytes() < FrameCodec.LENGTH_BYTES + length) {
                return;
            }
            in.skipBytes(FrameCodec.LENGTH_BYTES);
            out.add(in.readRetainedSlice(length));
        }
    }
}
