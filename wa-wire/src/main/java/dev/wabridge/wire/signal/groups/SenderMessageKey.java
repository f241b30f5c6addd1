package dev.wabridge.wire.signal.groups;

import dev.wabridge.wire.crypto.Hkdf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The key of one group message: HKDF-SHA256(ikm = seed, salt = 32 zero bytes, info
 * "WhisperGroup") → 48 bytes = CBC IV (16) ‖ AES-256 key (32) (libsignal rust
 * protocol/src/sender_keys.rs {@code SenderMessageKey::new}; Baileys
 * WASignalGroup/sender_message_key.js: iv = first 16 bytes, key = the next 32). Never printed.
 */
public final class SenderMessageKey {
    private static final byte[] INFO = "WhisperGroup".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZERO_SALT = new byte[32];

    private final int iteration;
    private final byte[] iv;
    private final byte[] cipherKey;

    private SenderMessageKey(int iteration, byte[] iv, byte[] cipherKey) {
        this.iteration = iteration;
        this.iv = iv;
        this.cipherKey = cipherKey;
    }

    public static SenderMessageKey derive(int iteration, byte[] seed) {
        byte[] okm = Hkdf.sha256(seed, ZERO_SALT, INFO, 48);
        return new SenderMessageKey(iteration, Arrays.copyOfRange(okm, 0, 16), Arrays.copyOfRange(okm, 16, 48));
    }

    public int iteration() {
        return iteration;
    }

    public byte[] iv() {
        return iv.clone();
    }

    public byte[] cipherKey() {
        return cipherKey.clone();
    }

    @Override
    public String toString() {
        return "SenderMessageKey[iteration=" + Integer.toUnsignedString(iteration) + "]";
    }
}
