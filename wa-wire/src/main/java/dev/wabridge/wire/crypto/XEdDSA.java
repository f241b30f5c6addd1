package dev.wabridge.wire.crypto;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

import java.math.BigInteger;
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
        BigInteger uInt = Edwards25519.fromLittleEndian(u);
        if (uInt.compareTo(Edwards25519.P) >= 0) {
            return false;
        }
        byte[] edwardsKey;
        try {
            edwardsKey = Edwards25519.toLittleEndian(Edwards25519.montgomeryToEdwardsY(uInt));
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
        BigInteger k = Edwards25519.fromLittleEndian(Curve25519.clamp(montgomeryPrivateKey));
        // calculate_key_pair: A = kB with the sign bit forced to 0, a = k or -k to match.
        byte[] e = Edwards25519.multiplyBase(k).encode();
        boolean negative = (e[31] & 0x80) != 0;
        BigInteger a = negative ? Edwards25519.Q.subtract(k.mod(Edwards25519.Q)).mod(Edwards25519.Q) : k.mod(Edwards25519.Q);
        byte[] publicA = e.clone();
        publicA[31] &= 0x7F;
        byte[] aBytes = Edwards25519.toLittleEndian(a);
        BigInteger r = reduce(sha512(HASH1_PREFIX, aBytes, message, random));
        byte[] rPoint = Edwards25519.multiplyBase(r).encode();
        BigInteger h = reduce(sha512(rPoint, publicA, message));
        BigInteger s = r.add(h.multiply(a)).mod(Edwards25519.Q);
        byte[] sig = new byte[64];
        System.arraycopy(rPoint, 0, sig, 0, 32);
        System.arraycopy(Edwards25519.toLittleEndian(s), 0, sig, 32, 32);
        Arrays.fill(aBytes, (byte) 0);
        return sig;
    }

    public static byte[] sign(byte[] montgomeryPrivateKey, byte[] message) {
        return sign(montgomeryPrivateKey, message, Curve25519.random(64));
    }

    private static BigInteger reduce(byte[] sha512) {
        return Edwards25519.fromLittleEndian(sha512).mod(Edwards25519.Q);
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
