package dev.wabridge.sandbox;

import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.crypto.Curve25519;
import dev.wabridge.wire.crypto.KeyPair;
import dev.wabridge.wire.crypto.XEdDSA;
import dev.wabridge.wire.signal.protocol.DjbKeys;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server side of a signed-prekey rotation ({@code <rotate><skey>}): a key signed by the
 * device's identity replaces the one bundles carry; a bad signature or a malformed skey is
 * refused and the old key stays.
 */
class PreKeyRotationTest {
    private final KeyPair identity = Curve25519.generate();
    private final PreKeys keys = new PreKeys();

    private static Node skey(int id, KeyPair signer) {
        byte[] value = Curve25519.generate().publicKey();
        return Node.of("skey", Map.of(), List.of(
                Node.of("id", Map.of(), new byte[]{0, 0, (byte) id}),
                Node.of("value", Map.of(), value),
                Node.of("signature", Map.of(), XEdDSA.sign(signer.privateKey(), DjbKeys.serialize(value)))));
    }

    PreKeyRotationTest() {
        keys.upload(Node.of("iq", Map.of(), List.of(
                Node.of("registration", Map.of(), new byte[]{0, 0, 0, 7}),
                Node.of("type", Map.of(), new byte[]{5}),
                Node.of("identity", Map.of(), identity.publicKey()),
                Node.of("list", Map.of(), List.of(Node.of("key", Map.of(), List.of(
                        Node.of("id", Map.of(), new byte[]{0, 0, 1}), Node.of("value", Map.of(), Curve25519.generate().publicKey()))))),
                skey(1, identity))));
    }

    @Test
    void aKeySignedByTheDeviceReplacesTheOneBundlesCarry() {
        Node next = skey(2, identity);
        assertTrue(keys.rotate(next, identity.publicKey()));
        assertEquals(2, keys.signedPreKeyId());
        List<Node> bundle = keys.takeBundle().orElseThrow();
        assertEquals(next, bundle.get(bundle.size() - 1));
    }

    @Test
    void aKeySignedBySomeoneElseIsRefusedAndTheOldOneStays() {
        assertFalse(keys.rotate(skey(2, Curve25519.generate()), identity.publicKey()));
        assertEquals(1, keys.signedPreKeyId());
    }

    @Test
    void aMalformedSkeyIsRefused() {
        Node noSignature = Node.of("skey", Map.of(), List.of(Node.of("id", Map.of(), new byte[]{0, 0, 2}),
                Node.of("value", Map.of(), new byte[32])));
        assertFalse(keys.rotate(noSignature, identity.publicKey()));
        assertEquals(1, keys.signedPreKeyId());
    }
}
