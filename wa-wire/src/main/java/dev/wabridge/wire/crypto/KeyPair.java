package dev.wabridge.wire.crypto;

import java.util.Arrays;

/** A Curve25519 key pair: 32-byte private scalar (clamped) and 32-byte public u-coordinate. */
public record KeyPair(byte[] privateKey, byte[] publicKey) {
    public KeyPair {
        if (privateKey.length != 32 || publicKey.length != 32) {
            throw new IllegalArgumentException("Curve25519 keys are 32 bytes");
        }
        privateKey = privateKey.clone();
        publicKey = publicKey.clone();
    }

    @Override
    public byte[] privateKey() {
        return privateKey.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** Stored form: private key then public key (64 bytes). */
    public byte[] serialize() {
        byte[] out = Arrays.copyOf(privateKey, 64);
        System.arraycopy(publicKey, 0, out, 32, 32);
        return out;
    }

    public static KeyPair deserialize(byte[] stored) {
        if (stored.length != 64) {
            throw new IllegalArgumentException("a stored key pair is 64 bytes");
        }
        return new KeyPair(Arrays.copyOfRange(stored, 0, 32), Arrays.copyOfRange(stored, 32, 64));
    }

    /** Keys are secrets: never printed. */
    @Override
    public String toString() {
        return "KeyPair[public=" + java.util.HexFormat.of().formatHex(publicKey) + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyPair k && Arrays.equals(privateKey, k.privateKey) && Arrays.equals(publicKey, k.publicKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }
}
