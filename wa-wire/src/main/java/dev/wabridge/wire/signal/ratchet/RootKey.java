package dev.wabridge.wire.signal.ratchet;

import dev.wabridge.wire.crypto.Curve25519;
import dev.wabridge.wire.crypto.Hkdf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The root of the Double Ratchet. A DH ratchet step derives HKDF-SHA256(ikm = DH(our ratchet
 * private, their ratchet public), salt = root key, info "WhisperRatchet") → 64 bytes = new root
 * key ‖ new chain key at index 0 (libsignal rust protocol/src/ratchet/keys.rs
 * {@code RootKey::create_chain}; libsignal-node src/session_cipher.js {@code calculateRatchet}).
 * Immutable; never printed.
 */
public final class RootKey {
    private static final byte[] INFO = "WhisperRatchet".getBytes(StandardCharsets.US_ASCII);

    private final byte[] key;

    public RootKey(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("a root key is 32 bytes");
        }
        this.key = key.clone();
    }

    public byte[] key() {
        return key.clone();
    }

    /** A new root key and chain key from one DH ratchet step. */
    public Step createChain(byte[] theirRatchetKey, byte[] ourRatchetPrivateKey) {
        byte[] shared = Curve25519.sharedSecret(ourRatchetPrivateKey, theirRatchetKey);
        byte[] okm = Hkdf.sha256(shared, key, INFO, 64);
        return new Step(new RootKey(Arrays.copyOfRange(okm, 0, 32)), new ChainKey(Arrays.copyOfRange(okm, 32, 64), 0));
    }

    /** The outcome of a DH ratchet step. */
    public record Step(RootKey rootKey, ChainKey chainKey) {
    }

    @Override
    public String toString() {
        return "RootKey[]";
    }
}
