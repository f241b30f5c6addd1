package dev.wabridge.wire.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static dev.wabridge.wire.crypto.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** X25519 (RFC 7748), HKDF-SHA256 (RFC 5869), AES-256-GCM (GCM spec, Wycheproof) and libsignal signatures. */
class PrimitiveVectorsTest {
    @Test
    void x25519Rfc7748() {
        JsonNode v = Vectors.load("x25519-rfc7748.json");
        for (JsonNode t : v.get("section_5_2")) {
            byte[] out = new byte[32];
            org.bouncycastle.math.ec.rfc7748.X25519.scalarMult(hex(t.get("scalar")), 0, hex(t.get("u_coordinate")), 0, out, 0);
            assertArrayEquals(hex(t.get("output")), out);
        }
        JsonNode dh = v.get("section_6_1");
        assertArrayEquals(hex(dh.get("alice_public")), Curve25519.fromPrivate(hex(dh.get("alice_private"))).publicKey());
        assertArrayEquals(hex(dh.get("bob_public")), Curve25519.fromPrivate(hex(dh.get("bob_private"))).publicKey());
        assertArrayEquals(hex(dh.get("shared_secret_K")), Curve25519.sharedSecret(hex(dh.get("alice_private")), hex(dh.get("bob_public"))));
        assertArrayEquals(hex(dh.get("shared_secret_K")), Curve25519.sharedSecret(hex(dh.get("bob_private")), hex(dh.get("alice_public"))));
        assertThrows(CryptoException.class, () -> Curve25519.sharedSecret(hex(dh.get("alice_private")), new byte[32]));
    }

    @Test
    void hkdfRfc5869() {
        for (JsonNode c : Vectors.load("hkdf-rfc5869.json").get("cases")) {
            byte[] salt = c.get("salt").asText().isEmpty() ? null : hex(c.get("salt"));
            byte[] info = c.get("info").asText().isEmpty() ? new byte[0] : hex(c.get("info"));
            assertArrayEquals(hex(c.get("OKM")), Hkdf.sha256(hex(c.get("IKM")), salt, info, c.get("L").asInt()), c.get("test_case").asText());
        }
    }

    @Test
    void aesGcm() {
        for (JsonNode c : Vectors.load("aes-gcm.json").get("vectors")) {
            byte[] expected = concat(hex(c.get("ciphertext")), hex(c.get("tag")));
            byte[] aad = hex(c.get("aad"));
            assertArrayEquals(expected, AesGcm.encrypt(hex(c.get("key")), hex(c.get("iv")), hex(c.get("plaintext")), aad), c.get("source").asText());
            assertArrayEquals(hex(c.get("plaintext")), AesGcm.decrypt(hex(c.get("key")), hex(c.get("iv")), expected, aad));
            byte[] tampered = expected.clone();
            tampered[tampered.length - 1] ^= 1;
            assertThrows(CryptoException.class, () -> AesGcm.decrypt(hex(c.get("key")), hex(c.get("iv")), tampered, aad));
        }
    }

    @Test
    void signalSignatures() {
        for (JsonNode v : Vectors.load("xeddsa-signal.json").get("vectors")) {
            byte[] priv = hex(v.get("private_key"));
            byte[] pub = v.has("public_key_32") ? hex(v.get("public_key_32")) : Curve25519.fromPrivate(priv).publicKey();
            byte[] message = hex(v.get("message"));
            byte[] sig = hex(v.get("signature"));
            String name = v.get("name").asText();
            assertTrue(XEdDSA.verify(pub, message, sig), name);
            for (int i = 0; i < 64; i++) {
                byte[] flipped = sig.clone();
                flipped[i] ^= 1;
                assertFalse(XEdDSA.verify(pub, message, flipped), name + " flip " + i);
            }
            if (name.contains("xeddsa_fast_test")) {
                // Deterministic: strict XEdDSA with Z = 64 zero bytes reproduces the published signature.
                assertArrayEquals(sig, XEdDSA.sign(priv, message, hex(v.get("random_Z"))), name);
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
