package dev.wabridge.wire.crypto;

import org.bouncycastle.math.raw.Nat;
import org.bouncycastle.math.raw.Nat256;
import org.bouncycastle.util.Pack;

import java.util.Arrays;

/**
 * Integers modulo L, the order of the edwards25519 base point, in constant time: the scalar
 * arithmetic of XEdDSA signing (a = ±k, r, h and s = r + h·a), all of which touches the secret
 * key or the secret nonce. Values are 8 little-endian 32-bit words below L.
 *
 * <p>BouncyCastle reduces mod L in a package-private class, so this uses its public fixed-width
 * word arithmetic ({@link Nat}, {@link Nat256}: straight-line loops over every word, borrows and
 * carries by arithmetic) and reduces bit by bit: for each input bit, from the top, double the
 * remainder, add the bit, and subtract L if the result is not below it. The subtraction always
 * happens and its result is kept or dropped with a masked move, so the time depends only on the
 * input's length (32 or 64 bytes here), never on its value. Bit-serial reduction is slower than
 * Barrett's but obviously correct; it costs tens of microseconds per signature.
 */
final class ScalarModL {
    /** L = 2^252 + 27742317777372353535851937790883648493. */
    private static final int[] L = {0x5CF5D3ED, 0x5812631A, 0xA2F79CD6, 0x14DEF9DE, 0, 0, 0, 0x10000000};
    private static final int WORDS = 8;

    private ScalarModL() {
    }

    /** x mod L for a little-endian number whose length is a multiple of 4 bytes. */
    static int[] reduce(byte[] littleEndian) {
        if (littleEndian.length % 4 != 0) {
            throw new IllegalArgumentException("length must be a multiple of 4");
        }
        int[] words = new int[littleEndian.length / 4];
        Pack.littleEndianToInt(littleEndian, 0, words);
        int[] out = reduceWords(words);
        wipe(words);
        return out;
    }

    /** (L - a) mod L, for a below L. */
    static int[] negate(int[] a) {
        int[] out = new int[WORDS];
        Nat.sub(WORDS, L, a, out);
        subtractLIfNotBelow(out, new int[WORDS]); // only a = 0 gives L, which must become 0
        return out;
    }

    /** z = x when bit is 1, z unchanged when 0, by masked moves. */
    static void select(int bit, int[] x, int[] z) {
        Nat.cmov(WORDS, bit, x, 0, z, 0);
    }

    /** (r + h·a) mod L, for r below L and any h, a below 2^256. */
    static int[] mulAdd(int[] h, int[] a, int[] r) {
        int[] product = new int[2 * WORDS];
        Nat256.mul(h, a, product);
        int[] sum = reduceWords(product);
        wipe(product);
        Nat.add(WORDS, sum, r, sum); // both below L, so below 2L < 2^254: no carry out
        subtractLIfNotBelow(sum, new int[WORDS]);
        return sum;
    }

    static byte[] toBytes(int[] a) {
        return Pack.intToLittleEndian(a);
    }

    static void wipe(int[] a) {
        Arrays.fill(a, 0);
    }

    private static int[] reduceWords(int[] x) {
        int[] acc = new int[WORDS];
        int[] scratch = new int[WORDS];
        for (int bit = x.length * 32 - 1; bit >= 0; bit--) {
            // The word and shift depend on the loop position only, not on the value.
            int in = (x[bit >>> 5] >>> (bit & 31)) & 1;
            // acc = 2·acc + in; acc is below L < 2^253, so 8 words never overflow.
            for (int w = 0; w < WORDS; w++) {
                int out = acc[w] >>> 31;
                acc[w] = (acc[w] << 1) | in;
                in = out;
            }
            subtractLIfNotBelow(acc, scratch);
        }
        wipe(scratch);
        return acc;
    }

    /** acc = acc - L if acc &ge; L; for acc below 2L this fully reduces it. */
    private static void subtractLIfNotBelow(int[] acc, int[] scratch) {
        int borrow = Nat.sub(WORDS, acc, L, scratch); // -1 when acc < L, else 0
        Nat.cmov(WORDS, borrow + 1, scratch, 0, acc, 0);
    }
}
