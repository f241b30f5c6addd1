package dev.wabridge.wire.crypto;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XEdDSATest {
    /**
     * Property: for a few hundred random keys, messages and nonces Z, the constant-time signer's
     * signature verifies, is a function of (key, message, Z) alone, and is byte-identical to
     * what the old BigInteger signer ({@link ReferenceXEdDSA}) makes. Everything comes from one
     * seed, printed on failure; rerun with -Dtest.seed=... to reproduce.
     */
    @Test
    void constantTimeSignerVerifiesIsDeterministicAndMatchesTheReference() {
        long seed = Long.getLong("test.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int i = 0; i < 300; i++) {
            byte[] priv = new byte[32];
            random.nextBytes(priv);
            byte[] message = new byte[random.nextInt(300)];
            random.nextBytes(message);
            byte[] z = new byte[64];
            random.nextBytes(z);
            String why = "case " + i + ", seed " + seed;
            byte[] sig = XEdDSA.sign(priv, message, z);
            assertTrue(XEdDSA.verify(Curve25519.fromPrivate(priv).publicKey(), message, sig), why);
            assertEquals(0, sig[63] & 0x80, why);
            assertArrayEquals(sig, XEdDSA.sign(priv, message, z.clone()), why);
            assertArrayEquals(ReferenceXEdDSA.sign(priv, message, z), sig, why);
        }
    }

    @Test
    void signaturesVerifyAndAnyChangeBreaksThem() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < 20; i++) {
            KeyPair kp = Curve25519.generate();
            byte[] message = new byte[random.nextInt(200)];
            random.nextBytes(message);
            byte[] sig = XEdDSA.sign(kp.privateKey(), message);
            assertTrue(XEdDSA.verify(kp.publicKey(), message, sig), "seed " + seed);
            assertTrue((sig[63] & 0x80) == 0, "XEdDSA signatures carry sign bit 0");
            byte[] bad = sig.clone();
            bad[random.nextInt(64)] ^= (byte) (1 << random.nextInt(8));
            assertFalse(XEdDSA.verify(kp.publicKey(), message, bad), "seed " + seed);
            if (message.length > 0) {
                byte[] other = message.clone();
                other[0] ^= 1;
                assertFalse(XEdDSA.verify(kp.publicKey(), other, sig));
            }
            assertFalse(XEdDSA.verify(Curve25519.generate().publicKey(), message, sig));
        }
    }

    @Test
    void malformedInputsAreRejectedNotThrown() {
        KeyPair kp = Curve25519.generate();
        assertFalse(XEdDSA.verify(kp.publicKey(), new byte[1], new byte[63]));
        assertFalse(XEdDSA.verify(new byte[31], new byte[1], new byte[64]));
        byte[] minusOne = new byte[32];
        java.util.Arrays.fill(minusOne, (byte) 0xFF);
        minusOne[0] = (byte) 0xEC;
        minusOne[31] = 0x7F; // p - 1: u + 1 = 0, no Edwards point
        assertFalse(XEdDSA.verify(minusOne, new byte[1], new byte[64]));
    }
}
