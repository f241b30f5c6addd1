package dev.wabridge.wire.signal;

import dev.wabridge.wire.signal.protocol.InvalidMessageException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WhatsApp's plaintext padding. The vectors follow from the rule in whatsmeow message.go
 * {@code padMessage} and Baileys Utils/generics {@code writeRandomPadMax16}: the random byte
 * masked with 0x0F is N, 0 becomes 15, and N bytes of value N are appended; unpadding checks
 * whatsmeow's {@code isValidPadding}.
 */
class MessagePaddingTest {
    /** A "random" source that returns one fixed byte, to pin N. */
    private static RandomGenerator fixedByte(int b) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return b;
            }

            @Override
            public int nextInt(int bound) {
                return b;
            }
        };
    }

    @Test
    void knownPaddings() {
        byte[] text = {0x0a, 0x02, 0x68, 0x69}; // Message{conversation: "hi"}
        assertEquals("0a02686901", HexFormat.of().formatHex(MessagePadding.pad(text, fixedByte(0x01))));
        assertEquals("0a026869030303", HexFormat.of().formatHex(MessagePadding.pad(text, fixedByte(0xF3))));
        // 0 → 15 bytes of 0x0f
        assertEquals("0a026869" + "0f".repeat(15), HexFormat.of().formatHex(MessagePadding.pad(text, fixedByte(0x10))));
        assertEquals("0a026869" + "0f".repeat(15), HexFormat.of().formatHex(MessagePadding.pad(text, fixedByte(0x0F))));
    }

    @Test
    void padThenUnpadIsIdentityAndNStaysInOneToFifteen() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < 2000; i++) {
            byte[] text = new byte[random.nextInt(40)];
            random.nextBytes(text);
            byte[] padded = MessagePadding.pad(text, random);
            int n = padded.length - text.length;
            assertTrue(n >= 1 && n <= 15, "seed " + seed + ": pad length " + n);
            assertArrayEquals(text, MessagePadding.unpad(padded), "seed " + seed);
        }
    }

    @Test
    void badPaddingIsRefused() {
        assertThrows(InvalidMessageException.class, () -> MessagePadding.unpad(new byte[0]));
        assertThrows(InvalidMessageException.class, () -> MessagePadding.unpad(new byte[] {1, 2, 0}));
        assertThrows(InvalidMessageException.class, () -> MessagePadding.unpad(new byte[] {3, 3}));
        assertThrows(InvalidMessageException.class, () -> MessagePadding.unpad(new byte[] {9, 2, 3, 3}));
        assertArrayEquals(new byte[0], MessagePadding.unpad(new byte[] {2, 2}));
        byte[] sixteen = new byte[20];
        Arrays.fill(sixteen, (byte) 16);
        // Longer paddings than ours are accepted when well-formed (whatsmeow accepts them too).
        assertArrayEquals(new byte[] {16, 16, 16, 16}, MessagePadding.unpad(sixteen));
    }
}
