package dev.wabridge.wire.noise;

import dev.wabridge.wire.crypto.AesGcm;

/**
 * One direction of the transport phase: AES-256-GCM with a counter nonce and no associated
 * data. Owned by one channel's event loop, so the counter needs no locking.
 */
public final class NoiseCipher {
    private final byte[] key;
    private long counter;

    NoiseCipher(byte[] key) {
        this.key = key;
    }

    public byte[] encrypt(byte[] plaintext) {
        return AesGcm.encrypt(key, NoiseHandshake.iv(counter++), plaintext, null);
    }

    public byte[] decrypt(byte[] ciphertext) {
        return AesGcm.decrypt(key, NoiseHandshake.iv(counter++), ciphertext, null);
    }
}
