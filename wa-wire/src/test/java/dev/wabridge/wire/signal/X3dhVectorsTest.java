package dev.wabridge.wire.signal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wabridge.wire.crypto.Curve25519;
import dev.wabridge.wire.crypto.KeyPair;
import dev.wabridge.wire.crypto.Vectors;
import dev.wabridge.wire.signal.protocol.DjbKeys;
import dev.wabridge.wire.signal.x3dh.X3dh;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * X3DH known answers.
 *
 * <ul>
 *   <li>{@link #responderMatchesLibsignalVector}: libsignal-protocol-c tests/test_ratchet.c
 *       {@code test_ratcheting_session_as_bob} (the keys of libsignal-protocol-java's
 *       RatchetingSessionTest): Bob's identity and signed prekey, Alice's identity and base
 *       public keys, no one-time prekey; the X3DH chain key is Bob's first sending chain,
 *       {@code 9797caca…}. The file's {@code _as_alice} test lists an Alice base private key
 *       whose public key is not the listed one (it is {@code e2c05860…}), so only Bob's side is
 *       a usable known answer; {@link #initiatorAgreesWithResponder} checks Alice's side
 *       against it with a consistent pair.</li>
 *   <li>{@link #masterSecretDerivationMatchesLibsignalNode}: a fixed 5×32-byte master secret
 *       through libsignal-node 2.0.1's {@code deriveSecrets(master, zeros, "WhisperText")}
 *       (vectors/signal-libsignal-node.json).</li>
 * </ul>
 */
class X3dhVectorsTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    private static KeyPair pair(String privateHex, String publicHex) {
        return new KeyPair(hex(privateHex), DjbKeys.deserialize(hex(publicHex)));
    }

    private static final String CHAIN = "9797caca53c989bbe229a40ca7727010eb2604fc14945d77958a0aeda088b44d";
    private static final KeyPair BOB_IDENTITY = pair("4875cc69ddf8ea0719ec947d61081135868d5fd801f02c0225e516df2156605e",
            "05f1f43874f6966956c2dd473f8fa15adeb71d1cb991b2341692324cefb1c5e626");
    private static final KeyPair BOB_SIGNED_PREKEY = pair("583900131fb727998b7803fe6ac22cc591f342e4e42a8c8d5d78194209b8d253",
            "05ac248a8f263be6863576eb0362e28c828f0107a3379d34bab1586bf8c770cd67");
    private static final KeyPair ALICE_IDENTITY = pair("9040f0d4e09cf38f6dc7c13779c908c015a1da4fa78737a080eb0a6f4f5f8f58",
            "05b4a8455660ada65b401007f615e654041746432e3339c6875149bceefcb42b4a");
    private static final byte[] ALICE_BASE_PUBLIC = DjbKeys.deserialize(hex("05472d1fb1a9862c3af6beaca8920277e2b26f4a79213ec7c906aeb35e03cf8950"));

    @Test
    void responderMatchesLibsignalVector() {
        X3dh.Secrets bob = X3dh.responder(BOB_IDENTITY, BOB_SIGNED_PREKEY, null, ALICE_IDENTITY.publicKey(), ALICE_BASE_PUBLIC);
        assertArrayEquals(hex(CHAIN), bob.chainKey().key());
    }

    @Test
    void initiatorAgreesWithResponder() {
        KeyPair base = Curve25519.fromPrivate(hex("11ae7c64d1e61cd596b76a0db5012673391cae66edbfcf073b4da80516a47449"));
        KeyPair oneTime = Curve25519.fromPrivate(hex("a1cab48f7c893fafa9880a28c3b4999d28d6329562d27a4ea4e22e9ff1bdd65a"));
        for (KeyPair otk : new KeyPair[] {null, oneTime}) {
            X3dh.Secrets alice = X3dh.initiator(ALICE_IDENTITY, base, BOB_IDENTITY.publicKey(), BOB_SIGNED_PREKEY.publicKey(),
                    otk == null ? null : otk.publicKey());
            X3dh.Secrets bob = X3dh.responder(BOB_IDENTITY, BOB_SIGNED_PREKEY, otk, ALICE_IDENTITY.publicKey(), base.publicKey());
            assertArrayEquals(bob.rootKey().key(), alice.rootKey().key());
            assertArrayEquals(bob.chainKey().key(), alice.chainKey().key());
        }
    }

    @Test
    void masterSecretDerivationMatchesLibsignalNode() {
        JsonNode v = Vectors.load("signal-libsignal-node.json").get("whisperText");
        X3dh.Secrets s = X3dh.secretsOf(Vectors.hex(v.get("master")));
        assertArrayEquals(Vectors.hex(v.get("rootKey")), s.rootKey().key());
        assertArrayEquals(Vectors.hex(v.get("chainKey")), s.chainKey().key());
    }
}
