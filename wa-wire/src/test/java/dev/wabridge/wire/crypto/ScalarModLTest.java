package dev.wabridge.wire.crypto;

import org.bouncycastle.util.Pack;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link ScalarModL} against BigInteger arithmetic, on random values and the edges of its ranges. */
class ScalarModLTest {
    private static final BigInteger L = BigIntegerEdwards25519.Q;

    @Test
    void reduceMatchesBigIntegerFor32And64ByteInputs() {
        long seed = Long.getLong("test.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int bytes : new int[] {32, 64}) {
            BigInteger max = BigInteger.TWO.pow(8 * bytes).subtract(BigInteger.ONE);
            for (BigInteger x : new BigInteger[] {BigInteger.ZERO, L.subtract(BigInteger.ONE), L, L.add(BigInteger.ONE),
                    L.shiftLeft(1), max}) {
                assertEquals(x.mod(L), value(ScalarModL.reduce(le(x, bytes))), x.toString(16));
            }
            for (int i = 0; i < 300; i++) {
                BigInteger x = new BigInteger(8 * bytes, random);
                assertEquals(x.mod(L), value(ScalarModL.reduce(le(x, bytes))), () -> x.toString(16) + ", seed " + seed);
            }
        }
    }

    @Test
    void negateAndMulAddMatchBigInteger() {
        long seed = Long.getLong("test.seed", System.nanoTime());
        Random random = new Random(seed);
        assertEquals(BigInteger.ZERO, value(ScalarModL.negate(words(BigInteger.ZERO))));
        for (int i = 0; i < 300; i++) {
            BigInteger a = new BigInteger(256, random).mod(L);
            BigInteger h = new BigInteger(256, random);
            BigInteger r = new BigInteger(256, random).mod(L);
            String why = "a " + a.toString(16) + " h " + h.toString(16) + " r " + r.toString(16) + ", seed " + seed;
            assertEquals(L.subtract(a).mod(L), value(ScalarModL.negate(words(a))), why);
            assertEquals(r.add(h.multiply(a)).mod(L), value(ScalarModL.mulAdd(words(h), words(a), words(r))), why);
        }
        BigInteger top = L.subtract(BigInteger.ONE);
        assertEquals(top.add(top.multiply(top)).mod(L), value(ScalarModL.mulAdd(words(top), words(top), words(top))));
    }

    @Test
    void selectMovesOnlyOnOne() {
        int[] z = words(BigInteger.ONE);
        ScalarModL.select(0, words(BigInteger.TWO), z);
        assertEquals(BigInteger.ONE, value(z));
        ScalarModL.select(1, words(BigInteger.TWO), z);
        assertEquals(BigInteger.TWO, value(z));
    }

    private static byte[] le(BigInteger x, int bytes) {
        byte[] out = new byte[bytes];
        byte[] be = x.toByteArray();
        for (int i = 0; i < bytes && i < be.length; i++) {
            out[i] = be[be.length - 1 - i];
        }
        return out;
    }

    private static int[] words(BigInteger x) {
        int[] w = new int[8];
        Pack.littleEndianToInt(le(x, 32), 0, w);
        return w;
    }

    private static BigInteger value(int[] words) {
        return BigIntegerEdwards25519.fromLittleEndian(ScalarModL.toBytes(words));
    }
}
