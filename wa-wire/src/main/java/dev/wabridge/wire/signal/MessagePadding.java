package dev.wabridge.wire.signal;

import dev.wabridge.wire.signal.protocol.InvalidMessageException;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * WhatsApp's padding of the plaintext inside a Signal message (enc v="2"): N bytes of value N
 * appended, N random in 1..15 (whatsmeow message.go {@code padMessage}: a random byte masked
 * with 0x0F, 0 becoming 15; Baileys Utils/generics {@code writeRandomPadMax16} the same). It
 * hides the exact length of short texts. Unpadding checks that the last N bytes all equal N,
 * as whatsmeow's {@code isValidPadding} does; a bad padding means a bad plaintext. Enc v="3"
 * payloads are not padded and must not be unpadded.
 */
public final class MessagePadding {
    private static final SecureRandom RANDOM = new SecureRandom();

    private MessagePadding() {
    }

    public static byte[] pad(byte[] plaintext) {
        return pad(plaintext, RANDOM);
    }

    public static byte[] pad(byte[] plaintext, RandomGenerator random) {
        int n = random.nextInt(256) & 0x0F;
        if (n == 0) {
            n = 0x0F;
        }
        byte[] out = Arrays.copyOf(plaintext, plaintext.length + n);
        Arrays.fill(out, plaintext.length, out.length, (byte) n);
        return out;
    }

    /** The plaintext without its padding; {@link InvalidMessageException} if the padding is not N bytes of N, N ≥ 1. */
    public static byte[] unpad(byte[] padded) {
        if (padded.length == 0) {
            throw new InvalidMessageException("padded plaintext is empty");
        }
        int n = padded[padded.length - 1] & 0xFF;
        if (n == 0 || n > padded.length) {
            throw new InvalidMessageException("padding length " + n + " does not fit " + padded.length + " bytes");
        }
        for (int i = padded.length - n; i < padded.length; i++) {
            if ((padded[i] & 0xFF) != n) {
                throw new InvalidMessageException("padding bytes are not all " + n);
            }
        }
        return Arrays.copyOf(padded, padded.length - n);
    }
}
