package dev.wabridge.wire.noise;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wabridge.wire.crypto.Curve25519;
import dev.wabridge.wire.crypto.KeyPair;
import dev.wabridge.wire.crypto.Vectors;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import static dev.wabridge.wire.crypto.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The Noise state against the published cacophony vectors for Noise_XX_25519_AESGCM_SHA256:
 * run as standard XX (which also hashes message 1's payload, the one step WhatsApp leaves
 * out), every handshake message, the handshake hash and the transport messages must match.
 */
class NoiseVectorsTest {
    @Test
    void cacophonyXxVectorsReproduce() {
        for (JsonNode v : Vectors.load("noise-xx.json").get("vectors")) {
            KeyPair is = Curve25519.fromPrivate(hex(v.get("init_static")));
            KeyPair ie = Curve25519.fromPrivate(hex(v.get("init_ephemeral")));
            KeyPair rs = Curve25519.fromPrivate(hex(v.get("resp_static")));
            KeyPair re = Curve25519.fromPrivate(hex(v.get("resp_ephemeral")));
            NoiseHandshake init = new NoiseHandshake(v.get("protocol_name").asText(), hex(v.get("init_prologue")));
            NoiseHandshake resp = new NoiseHandshake(v.get("protocol_name").asText(), hex(v.get("resp_prologue")));
            JsonNode m = v.get("messages");

            // -> e
            init.mixHash(ie.publicKey());
            byte[] msg0 = concat(ie.publicKey(), init.encryptAndHash(hex(m.get(0).get("payload"))));
            assertArrayEquals(hex(m.get(0).get("ciphertext")), msg0, "message 0");
            resp.mixHash(Arrays.copyOf(msg0, 32));
            resp.decryptAndHash(Arrays.copyOfRange(msg0, 32, msg0.length));

            // <- e, ee, s, es
            resp.mixHash(re.publicKey());
            resp.mixSharedSecret(re.privateKey(), ie.publicKey());
            byte[] encS = resp.encryptAndHash(rs.publicKey());
            resp.mixSharedSecret(rs.privateKey(), ie.publicKey());
            byte[] msg1 = concat(re.publicKey(), encS, resp.encryptAndHash(hex(m.get(1).get("payload"))));
            assertArrayEquals(hex(m.get(1).get("ciphertext")), msg1, "message 1");
            init.mixHash(re.publicKey());
            init.mixSharedSecret(ie.privateKey(), re.publicKey());
            assertArrayEquals(rs.publicKey(), init.decryptAndHash(Arrays.copyOfRange(msg1, 32, 80)));
            init.mixSharedSecret(ie.privateKey(), rs.publicKey());
            assertArrayEquals(hex(m.get(1).get("payload")), init.decryptAndHash(Arrays.copyOfRange(msg1, 80, msg1.length)));

            // -> s, se
            byte[] encIs = init.encryptAndHash(is.publicKey());
            init.mixSharedSecret(is.privateKey(), re.publicKey());
            byte[] msg2 = concat(encIs, init.encryptAndHash(hex(m.get(2).get("payload"))));
            assertArrayEquals(hex(m.get(2).get("ciphertext")), msg2, "message 2");
            assertArrayEquals(is.publicKey(), resp.decryptAndHash(Arrays.copyOf(msg2, 48)));
            resp.mixSharedSecret(re.privateKey(), is.publicKey());
            resp.decryptAndHash(Arrays.copyOfRange(msg2, 48, msg2.length));
            if (v.has("handshake_hash")) {
                assertArrayEquals(hex(v.get("handshake_hash")), init.handshakeHash());
                assertArrayEquals(hex(v.get("handshake_hash")), resp.handshakeHash());
            }

            NoiseCipher[] ic = init.split();
            NoiseCipher[] rc = resp.split();
            for (int i = 3; i < m.size(); i++) {
                boolean fromResponder = i % 2 == 1;
                byte[] payload = hex(m.get(i).get("payload"));
                byte[] ct = fromResponder ? rc[1].encrypt(payload) : ic[0].encrypt(payload);
                assertArrayEquals(hex(m.get(i).get("ciphertext")), ct, "transport message " + i);
                assertArrayEquals(payload, fromResponder ? ic[1].decrypt(ct) : rc[0].decrypt(ct));
            }
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
