package dev.wabridge.wire.crypto;

import org.bouncycastle.math.ec.rfc7748.X25519Field;

import java.util.Arrays;

/**
 * The edwards25519 curve (RFC 8032 section 5.1) as far as XEdDSA needs it: multiplying the base
 * point by a secret scalar, in constant time, and mapping a Montgomery public key to its Edwards y.
 *
 * <p>Why it is written here: BouncyCastle's {@code Ed25519} has a constant-time base-point
 * multiplication, but only hashes-then-signs with it (RFC 8032 derives the scalar from a seed,
 * XEdDSA uses the X25519 scalar directly), and its raw entry point {@code scalarMultBaseYZ} takes
 * an {@code X25519.Friend} that only BouncyCastle's X25519 can create. So the point formulas are
 * here, on BouncyCastle's public constant-time field arithmetic {@link X25519Field}.
 *
 * <p>What makes {@link #multiplyBase} constant-time:
 * <ul>
 *   <li>The sequence of operations is the same for every scalar: 64 rounds of four doublings and
 *   one addition, one round per 4-bit digit, with no early exit and no skipping of zero digits.
 *   The addition formula is complete on this curve (a = -1 is a square mod p, d is not), so
 *   adding the identity for a zero digit needs no special case.</li>
 *   <li>A digit picks its table entry by reading all 16 entries and keeping one with masked moves
 *   ({@link X25519Field#cmov}); the mask comes from arithmetic on the digit, not from a
 *   comparison that could compile to a branch, and the memory read does not depend on it.</li>
 *   <li>{@link X25519Field} works on fixed-size int limbs without branches, and its {@code inv}
 *   (used once, to leave projective coordinates) is BouncyCastle's constant-time inversion.</li>
 * </ul>
 * The table and the constants are built once from public values, so that code may use the
 * variable-time square root and inversion. (Java gives no hard guarantee about what the JIT emits;
 * this is the same discipline BouncyCastle's own constant-time code relies on.)
 */
final class Edwards25519 {
    private static final int SIZE = X25519Field.SIZE;
    private static final int TABLE_POINTS = 16;
    /** 2d, where d = -121665/121666 is the curve constant. */
    private static final int[] D2 = X25519Field.create();
    /**
     * j·B for j = 0..15, affine, each as (y+x, y-x, 2d·x·y): the form the mixed addition takes,
     * saving a multiplication per addition.
     */
    private static final int[] TABLE = X25519Field.createTable(TABLE_POINTS * 3);

    static {
        int[] d = small(121666);
        X25519Field.invVar(d, d);
        X25519Field.mul(d, 121665, d);
        X25519Field.negate(d, d);
        X25519Field.normalize(d);
        X25519Field.add(d, d, D2);
        X25519Field.normalize(D2);
        buildTable(basePoint(d));
    }

    private Edwards25519() {
    }

    /**
     * The RFC 8032 encoding (y little-endian, top bit = parity of x) of scalar·B, for any 32-byte
     * little-endian scalar (reduced mod L or not: B has order L). Constant-time in the scalar.
     */
    static byte[] multiplyBase(byte[] scalar) {
        if (scalar.length != 32) {
            throw new IllegalArgumentException("a scalar is 32 bytes");
        }
        Point p = Point.identity();
        Scratch s = new Scratch();
        int[] ypx = X25519Field.create();
        int[] ymx = X25519Field.create();
        int[] xyd2 = X25519Field.create();
        for (int i = 63; i >= 0; i--) {
            for (int j = 0; j < 4; j++) {
                doubleInPlace(p, s);
            }
            // The byte index depends on the loop position only; the digit itself is secret.
            int digit = (scalar[i >>> 1] >>> ((i & 1) << 2)) & 0x0F;
            lookup(digit, ypx, ymx, xyd2);
            addAffine(p, ypx, ymx, xyd2, s);
        }
        return encode(p);
    }

    /**
     * The Edwards y, little-endian, for a Montgomery u (already with its top bit cleared):
     * y = (u - 1) / (u + 1), the RFC 7748 section 4.1 map. Used on public keys only, so the
     * checks may branch. Throws for u &ge; p and for u = -1, which has no Edwards point.
     */
    static byte[] montgomeryToEdwardsY(byte[] u) {
        int[] fu = X25519Field.create();
        X25519Field.decode255(u, 0, fu, 0);
        X25519Field.normalize(fu);
        byte[] canonical = new byte[32];
        X25519Field.encode(fu, canonical, 0);
        if (!Arrays.equals(canonical, u)) {
            throw new CryptoException("Curve25519 public key is not reduced mod p");
        }
        int[] denominator = X25519Field.create();
        X25519Field.copy(fu, 0, denominator, 0);
        X25519Field.addOne(denominator);
        X25519Field.normalize(denominator);
        if (X25519Field.isZeroVar(denominator)) {
            throw new CryptoException("invalid Curve25519 public key");
        }
        X25519Field.invVar(denominator, denominator);
        X25519Field.subOne(fu);
        X25519Field.mul(fu, denominator, fu);
        X25519Field.normalize(fu);
        byte[] y = new byte[32];
        X25519Field.encode(fu, y, 0);
        return y;
    }

    /** Extended coordinates (X:Y:Z:T): x = X/Z, y = Y/Z, x·y = T/Z. */
    private static final class Point {
        final int[] x = X25519Field.create();
        final int[] y = X25519Field.create();
        final int[] z = X25519Field.create();
        final int[] t = X25519Field.create();

        static Point identity() {
            Point p = new Point();
            X25519Field.one(p.y);
            X25519Field.one(p.z);
            return p;
        }
    }

    /** Temporaries reused across the 320 point operations of one multiplication. */
    private static final class Scratch {
        final int[] a = X25519Field.create();
        final int[] b = X25519Field.create();
        final int[] c = X25519Field.create();
        final int[] e = X25519Field.create();
        final int[] f = X25519Field.create();
        final int[] g = X25519Field.create();
        final int[] h = X25519Field.create();
    }

    /**
     * p = 2p (dbl-2008-hwcd with a = -1, every intermediate negated, which leaves the result
     * unchanged and saves the negations). Sums of more than two products are carried before they
     * are multiplied, so the limbs stay in the range {@link X25519Field#mul} expects.
     */
    private static void doubleInPlace(Point p, Scratch s) {
        X25519Field.sqr(p.x, s.a);
        X25519Field.sqr(p.y, s.b);
        X25519Field.sqr(p.z, s.c);
        X25519Field.add(s.c, s.c, s.c);
        X25519Field.apm(s.a, s.b, s.h, s.g); // h = x² + y², g = x² - y²
        X25519Field.add(p.x, p.y, s.e);
        X25519Field.sqr(s.e, s.e);
        X25519Field.sub(s.h, s.e, s.e); // e = -2xy
        X25519Field.carry(s.e);
        X25519Field.add(s.c, s.g, s.f); // f = 2z² + x² - y²
        X25519Field.carry(s.f);
        X25519Field.mul(s.e, s.f, p.x);
        X25519Field.mul(s.g, s.h, p.y);
        X25519Field.mul(s.f, s.g, p.z);
        X25519Field.mul(s.e, s.h, p.t);
    }

    /** p = p + q for an affine q given as (y+x, y-x, 2d·x·y): madd-2008-hwcd-3, complete. */
    private static void addAffine(Point p, int[] ypx, int[] ymx, int[] xyd2, Scratch s) {
        X25519Field.apm(p.y, p.x, s.b, s.a);
        X25519Field.mul(s.a, ymx, s.a);
        X25519Field.mul(s.b, ypx, s.b);
        X25519Field.mul(p.t, xyd2, s.c);
        X25519Field.add(p.z, p.z, s.f); // 2z, the formula's D
        X25519Field.apm(s.b, s.a, s.h, s.e); // h = B + A, e = B - A
        X25519Field.apm(s.f, s.c, s.g, s.f); // g = D + C, f = D - C
        X25519Field.carry(s.g);
        X25519Field.carry(s.f);
        X25519Field.mul(s.e, s.f, p.x);
        X25519Field.mul(s.g, s.h, p.y);
        X25519Field.mul(s.f, s.g, p.z);
        X25519Field.mul(s.e, s.h, p.t);
    }

    /** Copies TABLE[digit] out by scanning every entry; see the class comment. */
    private static void lookup(int digit, int[] ypx, int[] ymx, int[] xyd2) {
        int off = 0;
        for (int j = 0; j < TABLE_POINTS; j++) {
            // (j ^ digit) is 0 exactly for the wanted entry; minus one makes only it negative,
            // and the arithmetic shift spreads its sign into an all-ones or all-zeros mask.
            int mask = ((j ^ digit) - 1) >> 31;
            X25519Field.cmov(mask, TABLE, off, ypx, 0);
            X25519Field.cmov(mask, TABLE, off + SIZE, ymx, 0);
            X25519Field.cmov(mask, TABLE, off + 2 * SIZE, xyd2, 0);
            off += 3 * SIZE;
        }
    }

    /** RFC 8032 encoding of p. The inversion is constant-time; the rest is straight-line. */
    private static byte[] encode(Point p) {
        int[] zInv = X25519Field.create();
        X25519Field.inv(p.z, zInv);
        int[] x = X25519Field.create();
        int[] y = X25519Field.create();
        X25519Field.mul(p.x, zInv, x);
        X25519Field.mul(p.y, zInv, y);
        X25519Field.normalize(x);
        X25519Field.normalize(y);
        byte[] out = new byte[32];
        X25519Field.encode(y, out, 0);
        // After normalize the value is fully reduced, so limb 0's low bit is x's parity.
        out[31] |= (byte) ((x[0] & 1) << 7);
        return out;
    }

    /** B: y = 4/5 and the even x of x² = (y² - 1) / (d·y² + 1). Public, so variable-time is fine. */
    private static Point basePoint(int[] d) {
        int[] y = small(5);
        X25519Field.invVar(y, y);
        X25519Field.mul(y, 4, y);
        X25519Field.normalize(y);
        int[] y2 = X25519Field.create();
        X25519Field.sqr(y, y2);
        int[] u = X25519Field.create();
        X25519Field.copy(y2, 0, u, 0);
        X25519Field.subOne(u);
        int[] v = X25519Field.create();
        X25519Field.mul(y2, d, v);
        X25519Field.addOne(v);
        int[] x = X25519Field.create();
        if (!X25519Field.sqrtRatioVar(u, v, x)) {
            throw new IllegalStateException("edwards25519 base point has no x");
        }
        X25519Field.normalize(x);
        X25519Field.cnegate(x[0] & 1, x);
        X25519Field.normalize(x);
        Point b = Point.identity();
        X25519Field.copy(x, 0, b.x, 0);
        X25519Field.copy(y, 0, b.y, 0);
        X25519Field.mul(x, y, b.t);
        return b;
    }

    /** TABLE[j] = j·B, by adding B fifteen times to the identity. */
    private static void buildTable(Point base) {
        int[] bYpx = X25519Field.create();
        int[] bYmx = X25519Field.create();
        int[] bXyd2 = X25519Field.create();
        storeAffine(base, bYpx, bYmx, bXyd2);
        Point acc = Point.identity();
        Scratch s = new Scratch();
        int[] ypx = X25519Field.create();
        int[] ymx = X25519Field.create();
        int[] xyd2 = X25519Field.create();
        for (int j = 0; j < TABLE_POINTS; j++) {
            storeAffine(acc, ypx, ymx, xyd2);
            int off = j * 3 * SIZE;
            X25519Field.copy(ypx, 0, TABLE, off);
            X25519Field.copy(ymx, 0, TABLE, off + SIZE);
            X25519Field.copy(xyd2, 0, TABLE, off + 2 * SIZE);
            addAffine(acc, bYpx, bYmx, bXyd2, s);
        }
    }

    /** (y+x, y-x, 2d·x·y) of p in affine coordinates, normalized. */
    private static void storeAffine(Point p, int[] ypx, int[] ymx, int[] xyd2) {
        int[] zInv = X25519Field.create();
        X25519Field.invVar(p.z, zInv);
        int[] x = X25519Field.create();
        int[] y = X25519Field.create();
        X25519Field.mul(p.x, zInv, x);
        X25519Field.mul(p.y, zInv, y);
        X25519Field.apm(y, x, ypx, ymx);
        X25519Field.mul(x, y, xyd2);
        X25519Field.mul(xyd2, D2, xyd2);
        X25519Field.normalize(ypx);
        X25519Field.normalize(ymx);
        X25519Field.normalize(xyd2);
    }

    private static int[] small(int n) {
        int[] z = X25519Field.create();
        z[0] = n; // limb 0 holds 26 bits, enough for the constants used here
        return z;
    }
}
