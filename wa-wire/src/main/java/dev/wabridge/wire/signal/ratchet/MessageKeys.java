package dev.wabridge.wire.signal.ratchet;

import dev.wabridge.wire.crypto.Hkdf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The keys of one message: HKDF-SHA256(ikm = message-key seed, salt = 32 zero bytes, info
 * "WhisperMessageKeys") → 80 bytes = AES-256 key (32) ‖ MAC key (32) ‖ CBC IV (16) (libsignal
 * rust protocol/src/ratchet/keys.rs {@code MessageKeys::derive_keys}: salt none, which RFC 5869
 * defines as zeros; libsignal-node src/session_cipher.js: {@code deriveSecrets(..., Buffer.alloc(32),
 * "WhisperMessageKeys")}, keys[0], keys[1], keys[2][0..16]). Never printed.
 */
public final class MessageKeys {
    private static final byte[] INFO = "WhisperMessageKeys".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZERO_SALT = new byte[32];

    private final byte[] cipherKey;
    private final byte[] macKey;
    private final byte[] iv;
    private final int counter;

    private MessageKeys(byte[] cipherKey, byte[] macKey, byte[] iv, int counter) {
        this.cipherKey = cipherKey;
        this.macKey = macKey;
        this.iv = iv;
        this.counter = counter;
    }

    public static MessageKeys derive(byte[] seed, int counter) {
        byte[] okm = Hkdf.sha256(seed, ZERO_SALT, INFO, 80);
        return new MessageKeys(Arrays.copyOfRange(okm, 0, 32), Arrays.copyOfRange(okm, 32, 64), Arrays.copyOfRange(okm, 64, 80),
                counter);
    }

    public byte[] cipherKey() {
        return cipherKey.clone();
    }

    public byte[] macKey() {
        return macKey.clone();
    }

    public byte[] iv() {
        return iv.clone();
    }

    public int counter() {
        return counter;
    }

    @Override
    public String toString() {
        return "MessageKeys[counter=" + counter + "]";
    }
}
