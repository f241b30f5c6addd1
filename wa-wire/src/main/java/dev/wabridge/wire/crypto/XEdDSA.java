package dev.wabridge.wire.crypto;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Signatures with Curve25519 keys, as Signal and WhatsApp make them (the Signal XEdDSA
 * specification, 2016): the Montgomery key is mapped to its Edwards twin and an Ed25519
 * signature is made or checked.
 *
 * <p>Verification follows libsignal's: the Edwards public key's sign bit is taken from the
 * top bit of the signature's last byte (0 for XEdDSA signatures, the real sign for the older
 * "curve_sigs" ones), then RFC 8032 verification (BouncyCastle) runs on the result. Signing
 * produces XEdDSA signatures (sign bit 0), which both kinds of verifier accept.
 *
 * <p>Signing is constant-time in the private key and the nonce: the point multiplications are
 * {@link Edwards25519#multiplyBase} and the scalar arithmetic is {@link ScalarModL}, both written
 * without branches or memory indices on secret values (see those classes). This matters because
 * signing is not rare: Signal sender keys sign every group message.
 */
public final class XEdDSA {
    private static final byte[] HASH1_PREFIX = new byte[32];

    static {
        Arrays.fill(HASH1_PREFIX, (byte) 0xFF);
        HASH1_PREFIX[0] = (byte) 0xFE;
    }

    private XEdDSA() {
    }

    public static boolean verify(byte[] montgomeryPublicKey, byte[] message, byte[] signature) {
        if (montgomeryPublicKey == null || montgomeryPublicKey.length != 32 || signature == null || signature.length != 64) {
            return false;
        }
        byte[] u = montgomeryPublicKey.clone();
        u[31] &= 0x7F;
        byte[] edwardsKey;
        try {
            edwardsKey = Edwards25519.montgomeryToEdwardsY(u);
        } catch (CryptoException e) {
            return false;
        }
        edwardsKey[31] |= (byte) (signature[63] & 0x80);
        byte[] sig = signature.clone();
        sig[63] &= 0x7F;
        return Ed25519.verify(sig, 0, edwardsKey, 0, message, 0, message.length);
    }

    /** XEdDSA signature of {@code message} with a Curve25519 private key; {@code random} is 64 fresh bytes. */
    public static byte[] sign(byte[] montgomeryPrivateKey, byte[] message, byte[] random) {
        if (random.length != 64) {
            throw new IllegalArgumentException("XEdDSA needs 64 random bytes");
        }
        byte[] k = Curve25519.clamp(montgomeryPrivateKey);
        // calculate_key_pair: E = kB; A is E with the sign bit forced to 0, and a = k or -k to
        // match. The choice is a masked move, not a branch, like everything touching k.
        byte[] publicA = Edwards25519.multiplyBase(k);
        int negative = (publicA[31] >>> 7) & 1;
        publicA[31] &= 0x7F;
        int[] a = ScalarModL.reduce(k);
        int[] minusA = ScalarModL.negate(a);
        ScalarModL.select(negative, minusA, a);
        byte[] aBytes = ScalarModL.toBytes(a);
        int[] r = ScalarModL.reduce(sha512(HASH1_PREFIX, aBytes, message, random));
        byte[] rBytes = ScalarModL.toBytes(r);
        byte[] rPoint = Edwards25519.multiplyBase(rBytes);
        int[] h = ScalarModL.reduce(sha512(rPoint, publicA, message));
        int[] s = ScalarModL.mulAdd(h, a, r);
        byte[] sig = new byte[64];
        System.arraycopy(rPoint, 0, sig, 0, 32);
        System.arraycopy(ScalarModL.toBytes(s), 0, sig, 32, 32);
        // Best effort: the JVM may have copied these, but no reference outlives this call.
        Arrays.fill(k, (byte) 0);
        Arrays.fill(aBytes, (byte) 0);
        Arrays.fill(rBytes, (byte) 0);
        ScalarModL.wipe(a);
        ScalarModL.wipe(minusA);
        ScalarModL.wipe(r);
        return sig;
    }

    public static byte[] sign(byte[] montgomeryPrivateKey, byte[] message) {
        return sign(montgomeryPrivateKey, message, Curve25519.random(64));
    }

    private static byte[] sha512(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-512");
            for (byte[] p : parts) {
                md.update(p);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
