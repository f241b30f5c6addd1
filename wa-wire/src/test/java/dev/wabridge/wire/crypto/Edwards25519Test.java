package dev.wabridge.wire.crypto;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The constant-time {@link Edwards25519} against the BigInteger reference and RFC 8032's base point. */
class Edwards25519Test {
    private static final BigInteger TWO_256 = BigInteger.TWO.pow(256);

    @Test
    void baseAndIdentityEncodings() {
        assertArrayEquals(HexFormat.of().parseHex("5866666666666666666666666666666666666666666666666666666666666666"),
                Edwards25519.multiplyBase(le(BigInteger.ONE)), "RFC 8032 base point");
        byte[] identity = new byte[32];
        identity[0] = 1; // (0, 1)
        assertArrayEquals(identity, Edwards25519.multiplyBase(new byte[32]));
        assertArrayEquals(identity, Edwards25519.multiplyBase(le(BigIntegerEdwards25519.Q)), "L·B");
    }

    @Test
    void multiplyBaseMatchesTheBigIntegerReference() {
        long seed = Long.getLong("test.seed", System.nanoTime());
        Random random = new Random(seed);
        List<BigInteger> scalars = new ArrayList<>();
        BigInteger q = BigIntegerEdwards25519.Q;
        for (BigInteger edge : new BigInteger[] {BigInteger.TWO, BigInteger.valueOf(15), BigInteger.valueOf(16),
                q.subtract(BigInteger.ONE), q.add(BigInteger.ONE), BigInteger.TWO.pow(255).subtract(BigInteger.ONE),
                TWO_256.subtract(BigInteger.ONE)}) {
            scalars.add(edge);
        }
        for (int i = 0; i < 200; i++) {
            scalars.add(new BigInteger(256, random));
        }
        for (BigInteger k : scalars) {
            assertArrayEquals(BigIntegerEdwards25519.multiplyBase(k).encode(), Edwards25519.multiplyBase(le(k)),
                    () -> "scalar " + k.toString(16) + ", seed " + seed);
        }
    }

    @Test
    void montgomeryToEdwardsMatchesTheReferenceAndRejectsWhatItRejected() {
        long seed = Long.getLong("test.seed", System.nanoTime());
        Random random = new Random(seed);
        BigInteger p = BigIntegerEdwards25519.P;
        for (int i = 0; i < 200; i++) {
            BigInteger u = new BigInteger(255, random).mod(p);
            if (u.equals(p.subtract(BigInteger.ONE))) {
                continue;
            }
            byte[] expected = BigIntegerEdwards25519.toLittleEndian(BigIntegerEdwards25519.montgomeryToEdwardsY(u));
            assertArrayEquals(expected, Edwards25519.montgomeryToEdwardsY(BigIntegerEdwards25519.toLittleEndian(u)),
                    () -> "u " + u.toString(16) + ", seed " + seed);
        }
        assertThrows(CryptoException.class, () -> Edwards25519.montgomeryToEdwardsY(le(p.subtract(BigInteger.ONE))));
        assertThrows(CryptoException.class, () -> Edwards25519.montgomeryToEdwardsY(le(p)), "u = p is not reduced");
        assertThrows(CryptoException.class, () -> Edwards25519.montgomeryToEdwardsY(le(p.add(BigInteger.ONE))));
    }

    static byte[] le(BigInteger v) {
        return Arrays.copyOf(BigIntegerEdwards25519.toLittleEndian(v), 32);
    }
}
