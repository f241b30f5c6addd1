package dev.wabridge.wire.crypto;

import java.math.BigInteger;

/**
 * Test-only reference: the BigInteger edwards25519 arithmetic that XEdDSA signing ran on before
 * it moved to the constant-time {@link Edwards25519}. It is kept because it is short enough to
 * check by eye against RFC 8032 section 5.1, so the tests can compare the fast constant-time
 * code with it on many random scalars. Its ladder branches on the scalar's bits and BigInteger
 * timing depends on the values, so it must never sign anything outside the tests.
 */
final class BigIntegerEdwards25519 {
    static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    /** Order of the base point (RFC 8032: L). */
    static final BigInteger Q = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));
    static final BigInteger D = BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
    private static final BigInteger D2 = D.shiftLeft(1).mod(P);
    private static final Point BASE;

    static {
        BigInteger y = BigInteger.valueOf(4).multiply(BigInteger.valueOf(5).modInverse(P)).mod(P);
        BigInteger x = recoverX(y, 0);
        BASE = new Point(x, y, BigInteger.ONE, x.multiply(y).mod(P));
    }

    private BigIntegerEdwards25519() {
    }

    /** Extended homogeneous coordinates (X:Y:Z:T), x = X/Z, y = Y/Z, xy = T/Z. */
    record Point(BigInteger x, BigInteger y, BigInteger z, BigInteger t) {
        static final Point IDENTITY = new Point(BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO);

        /** add-2008-hwcd-3 (a = -1); also correct for doubling. */
        Point add(Point o) {
            BigInteger a = y.subtract(x).multiply(o.y.subtract(o.x)).mod(P);
            BigInteger b = y.add(x).multiply(o.y.add(o.x)).mod(P);
            BigInteger c = t.multiply(D2).multiply(o.t).mod(P);
            BigInteger d = z.shiftLeft(1).multiply(o.z).mod(P);
            BigInteger e = b.subtract(a);
            BigInteger f = d.subtract(c);
            BigInteger g = d.add(c);
            BigInteger h = b.add(a);
            return new Point(e.multiply(f).mod(P), g.multiply(h).mod(P), f.multiply(g).mod(P), e.multiply(h).mod(P));
        }

        /** RFC 8032 encoding: y little-endian, top bit = parity of x. */
        byte[] encode() {
            BigInteger zi = z.modInverse(P);
            BigInteger ax = x.multiply(zi).mod(P);
            BigInteger ay = y.multiply(zi).mod(P);
            byte[] out = toLittleEndian(ay);
            if (ax.testBit(0)) {
                out[31] |= (byte) 0x80;
            }
            return out;
        }
    }

    /** k·B with a ladder over all 256 bits. */
    static Point multiplyBase(BigInteger k) {
        Point r0 = Point.IDENTITY;
        Point r1 = BASE;
        for (int i = 255; i >= 0; i--) {
            if (k.testBit(i)) {
                r0 = r0.add(r1);
                r1 = r1.add(r1);
            } else {
                r1 = r0.add(r1);
                r0 = r0.add(r0);
            }
        }
        return r0;
    }

    /** The Edwards y for a Montgomery u: y = (u - 1) / (u + 1) (RFC 7748 section 4.1 birational map). */
    static BigInteger montgomeryToEdwardsY(BigInteger u) {
        BigInteger denominator = u.add(BigInteger.ONE).mod(P);
        if (denominator.signum() == 0) {
            throw new CryptoException("invalid Curve25519 public key");
        }
        return u.subtract(BigInteger.ONE).mod(P).multiply(denominator.modInverse(P)).mod(P);
    }

    private static BigInteger recoverX(BigInteger y, int sign) {
        BigInteger y2 = y.multiply(y).mod(P);
        BigInteger u = y2.subtract(BigInteger.ONE).mod(P);
        BigInteger v = D.multiply(y2).add(BigInteger.ONE).mod(P);
        BigInteger x2 = u.multiply(v.modInverse(P)).mod(P);
        BigInteger x = x2.modPow(P.add(BigInteger.valueOf(3)).shiftRight(3), P);
        if (!x.multiply(x).subtract(x2).mod(P).equals(BigInteger.ZERO)) {
            x = x.multiply(BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P)).mod(P);
        }
        if (x.testBit(0) != (sign == 1)) {
            x = P.subtract(x);
        }
        return x;
    }

    static byte[] toLittleEndian(BigInteger v) {
        byte[] be = v.toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < 32 && i < be.length; i++) {
            out[i] = be[be.length - 1 - i];
        }
        return out;
    }

    static BigInteger fromLittleEndian(byte[] le) {
        byte[] be = new byte[le.length + 1];
        for (int i = 0; i < le.length; i++) {
            be[be.length - 1 - i] = le[i];
        }
        return new BigInteger(be);
    }
}
