package dev.wabridge.wire.crypto;

import org.bouncycastle.math.ec.rfc7748.X25519;

import java.security.SecureRandom;

/** X25519 (RFC 7748) key generation and Diffie-Hellman, on BouncyCastle's constant-time code. */
public final class Curve25519 {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Curve25519() {
    }

    public static KeyPair generate() {
        byte[] priv = new byte[32];
        X25519.generatePrivateKey(RANDOM, priv); // clamped
        return fromPrivate(priv);
    }

    public static KeyPair fromPrivate(byte[] privateKey) {
        byte[] priv = clamp(privateKey);
        byte[] pub = new byte[32];
        X25519.generatePublicKey(priv, 0, pub, 0);
        return new KeyPair(priv, pub);
    }

    /** DH(priv, pub); throws on a low-order public key (all-zero shared secret). */
    public static byte[] sharedSecret(byte[] privateKey, byte[] publicKey) {
        if (publicKey.length != 32) {
            throw new CryptoException("a Curve25519 public key is 32 bytes, got " + publicKey.length);
        }
        byte[] out = new byte[32];
        if (!X25519.calculateAgreement(privateKey, 0, publicKey, 0, out, 0)) {
            throw new CryptoException("Curve25519 agreement with a low-order point");
        }
        return out;
    }

    static byte[] clamp(byte[] k) {
        byte[] c = k.clone();
        c[0] &= (byte) 248;
        c[31] &= 127;
        c[31] |= 64;
        return c;
    }

    public static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
