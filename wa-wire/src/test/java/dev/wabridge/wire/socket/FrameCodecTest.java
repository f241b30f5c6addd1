package dev.wabridge.wire.socket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FrameCodecTest {
    private static byte[] bytes(ByteBuf b) {
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        b.release();
        return out;
    }

    @Test
    void clientSendsTheIntroHeaderOnceThenLengthPrefixedFrames() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameEncoder(true));
        ch.writeOutbound(Unpooled.wrappedBuffer(new byte[]{1, 2, 3}));
        ch.writeOutbound(Unpooled.wrappedBuffer(new byte[]{4}));
        assertArrayEquals(new byte[]{'W', 'A', 6, 3, 0, 0, 3, 1, 2, 3}, bytes(ch.readOutbound()));
        assertArrayEquals(new byte[]{0, 0, 1, 4}, bytes(ch.readOutbound()));
    }

    @Test
    void framesSplitAndJoinedArbitrarilyAcrossMessagesAreReassembled() {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        for (int round = 0; round < 100; round++) {
            List<byte[]> frames = new ArrayList<>();
            EmbeddedChannel enc = new EmbeddedChannel(new FrameEncoder(true));
            for (int i = 0; i < 1 + r.nextInt(8); i++) {
                byte[] f = new byte[r.nextInt(3000)];
                r.nextBytes(f);
                frames.add(f);
                enc.writeOutbound(Unpooled.wrappedBuffer(f));
            }
            ByteBuf stream = Unpooled.buffer();
            ByteBuf part;
            while ((part = enc.readOutbound()) != null) {
                stream.writeBytes(part);
                part.release();
            }
            EmbeddedChannel dec = new EmbeddedChannel(new FrameDecoder(1 << 16, true));
            while (stream.isReadable()) {
                int n = Math.min(stream.readableBytes(), 1 + r.nextInt(500));
                dec.writeInbound(stream.readRetainedSlice(n));
            }
            stream.release();
            for (byte[] expected : frames) {
                assertArrayEquals(expected, bytes(dec.readInbound()), "seed " + seed);
            }
            org.junit.jupiter.api.Assertions.assertNull(dec.readInbound());
        }
    }

    @Test
    void anOversizedFrameFailsTheConnection() {
        EmbeddedChannel dec = new EmbeddedChannel(new FrameDecoder(1000, false));
        assertThrows(DecoderException.class, () -> dec.writeInbound(Unpooled.wrappedBuffer(new byte[]{0, 4, 0})));
    }

    @Test
    void aWrongIntroHeaderFailsTheConnection() {
        EmbeddedChannel dec = new EmbeddedChannel(new FrameDecoder(1000, true));
        assertThrows(DecoderException.class, () -> dec.writeInbound(Unpooled.wrappedBuffer(new byte[]{'W', 'A', 5, 3, 0, 0, 0})));
    }
}
