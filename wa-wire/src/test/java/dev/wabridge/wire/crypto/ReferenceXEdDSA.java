package dev.wabridge.wire.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Test-only reference: XEdDSA signing as it was before the constant-time rewrite, on
 * {@link BigIntegerEdwards25519}, written step by step as in the Signal specification so the
 * tests can check that the constant-time {@link XEdDSA#sign} makes byte-identical signatures.
 */
final class ReferenceXEdDSA {
    private ReferenceXEdDSA() {
    }

    static byte[] sign(byte[] montgomeryPrivateKey, byte[] message, byte[] random) {
        BigInteger q = BigIntegerEdwards25519.Q;
        BigInteger k = BigIntegerEdwards25519.fromLittleEndian(Curve25519.clamp(montgomeryPrivateKey));
        byte[] e = BigIntegerEdwards25519.multiplyBase(k).encode();
        boolean negative = (e[31] & 0x80) != 0;
        BigInteger a = negative ? q.subtract(k.mod(q)).mod(q) : k.mod(q);
        byte[] publicA = e.clone();
        publicA[31] &= 0x7F;
        byte[] prefix = new byte[32];
        Arrays.fill(prefix, (byte) 0xFF);
        prefix[0] = (byte) 0xFE;
        byte[] aBytes = BigIntegerEdwards25519.toLittleEndian(a);
        BigInteger r = reduce(sha512(prefix, aBytes, message, random));
        byte[] rPoint = BigIntegerEdwards25519.multiplyBase(r).encode();
        BigInteger h = reduce(sha512(rPoint, publicA, message));
        BigInteger s = r.add(h.multiply(a)).mod(q);
        byte[] sig = new byte[64];
        System.arraycopy(rPoint, 0, sig, 0, 32);
        System.arraycopy(BigIntegerEdwards25519.toLittleEndian(s), 0, sig, 32, 32);
        return sig;
    }

    private static BigInteger reduce(byte[] sha512) {
        return BigIntegerEdwards25519.fromLittleEndian(sha512).mod(BigIntegerEdwards25519.Q);
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
