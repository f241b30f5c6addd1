package dev.wabridge.wire.signal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wabridge.wire.crypto.AesCbc;
import dev.wabridge.wire.crypto.Curve25519;
import dev.wabridge.wire.crypto.KeyPair;
import dev.wabridge.wire.crypto.Vectors;
import dev.wabridge.wire.signal.protocol.DjbKeys;
import dev.wabridge.wire.signal.protocol.InvalidMessageException;
import dev.wabridge.wire.signal.protocol.PreKeySignalMessage;
import dev.wabridge.wire.signal.protocol.SignalMessage;
import dev.wabridge.wire.signal.ratchet.ChainKey;
import dev.wabridge.wire.signal.ratchet.MessageKeys;
import dev.wabridge.wire.signal.ratchet.RootKey;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Known-answer tests of the Signal layer's key derivations and wire formats.
 *
 * <ul>
 *   <li>{@link #chainKeyMatchesLibsignalVector}: the v3 chain-key vector of libsignal-protocol-c
 *       tests/test_ratchet.c {@code test_chain_key_derivation_v3}, also in libsignal rust
 *       protocol/src/ratchet/keys.rs {@code test_chain_key_derivation}.</li>
 *   <li>The other tests: vectors/signal-libsignal-node.json, computed by the pinned
 *       libsignal-node 2.0.1 on fixed keys with .ci/interop/signal-vectors.cjs (its
 *       crypto.deriveSecrets, calculateMAC, AES-CBC, curve and protobuf encoders): a DH ratchet
 *       step, a chain step with its message keys, a whole {@code msg} byte for byte including
 *       the MAC input layout, and the {@code pkmsg} around it.</li>
 * </ul>
 */
class SignalVectorsTest {
    private static final JsonNode V = Vectors.load("signal-libsignal-node.json");

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    private static byte[] hex(JsonNode n, String field) {
        return Vectors.hex(n.get(field));
    }

    private static KeyPair fixed(int fill) {
        byte[] priv = new byte[32];
        Arrays.fill(priv, (byte) fill);
        return Curve25519.fromPrivate(priv);
    }

    @Test
    void chainKeyMatchesLibsignalVector() {
        ChainKey chain = new ChainKey(hex("8ab72d6f4cc5ac0d387eaf463378ddb28edd07385b1cb01250c715982e7ad48f"), 0);
        MessageKeys keys = chain.messageKeys();
        assertArrayEquals(hex("bf51e9d75e0e31031051f82a2491ffc084fa298b7793bd9db620056febf45217"), keys.cipherKey());
        assertArrayEquals(hex("c6c77d6a73a354337a56435e34607dfe48e3ace14e77314dc6abc172e7a7030b"), keys.macKey());
        assertArrayEquals(hex("28e8f8fee54b801eef7c5cfb2f17f32c7b334485bbb70fac6ec10342a246d15d"), chain.next().key());
        assertEquals(0, keys.counter());
        assertEquals(1, chain.next().index());
        assertEquals(1, chain.next().messageKeys().counter());
    }

    @Test
    void fixedKeysAreTheSameOnBothSides() {
        for (JsonNode k : V.get("publicKeys")) {
            KeyPair ours = fixed(k.get("fill").asInt());
            assertArrayEquals(hex(k, "private"), ours.privateKey());
            assertArrayEquals(hex(k, "public"), DjbKeys.serialize(ours.publicKey()));
        }
    }

    @Test
    void dhRatchetStepMatchesLibsignalNode() {
        JsonNode v = V.get("whisperRatchet");
        RootKey.Step step = new RootKey(hex(v, "rootKey")).createChain(DjbKeys.deserialize(hex(v, "theirPublic")), hex(v, "ourPrivate"));
        assertArrayEquals(hex(v, "nextRootKey"), step.rootKey().key());
        assertArrayEquals(hex(v, "nextChainKey"), step.chainKey().key());
        assertEquals(0, step.chainKey().index());
    }

    @Test
    void messageKeysMatchLibsignalNode() {
        JsonNode v = V.get("messageKeys");
        ChainKey chain = new ChainKey(hex(v, "chainKey"), 0);
        assertArrayEquals(hex(v, "messageKeySeed"), chain.messageKeySeed());
        assertArrayEquals(hex(v, "nextChainKey"), chain.next().key());
        MessageKeys keys = chain.messageKeys();
        assertArrayEquals(hex(v, "cipherKey"), keys.cipherKey());
        assertArrayEquals(hex(v, "macKey"), keys.macKey());
        assertArrayEquals(hex(v, "iv"), keys.iv());
    }

    @Test
    void signalMessageIsByteForByteLibsignalNodes() {
        JsonNode v = V.get("whisperMessage");
        MessageKeys keys = new ChainKey(hex(V.get("messageKeys"), "chainKey"), 0).messageKeys();
        byte[] ciphertext = AesCbc.encrypt(keys.cipherKey(), keys.iv(), hex(v, "plaintext"));
        assertArrayEquals(hex(v, "ciphertext"), ciphertext);
        byte[] sender = DjbKeys.deserialize(hex(v, "senderIdentity"));
        byte[] receiver = DjbKeys.deserialize(hex(v, "receiverIdentity"));
        SignalMessage ours = SignalMessage.create(keys.macKey(), DjbKeys.deserialize(hex(v, "ratchetKey")), 7, 3, ciphertext,
                sender, receiver);
        assertArrayEquals(hex(v, "serialized"), ours.serialize());

        SignalMessage theirs = SignalMessage.parse(hex(v, "serialized"));
        assertEquals(7, theirs.counter());
        assertEquals(3, theirs.previousCounter());
        assertArrayEquals(DjbKeys.deserialize(hex(v, "ratchetKey")), theirs.ratchetKey());
        theirs.verifyMac(keys.macKey(), sender, receiver);
        // The identities are part of the MAC, in order: swapping them breaks it.
        assertThrows(InvalidMessageException.class, () -> theirs.verifyMac(keys.macKey(), receiver, sender));
    }

    @Test
    void anyFlippedBitBreaksTheMac() {
        JsonNode v = V.get("whisperMessage");
        MessageKeys keys = new ChainKey(hex(V.get("messageKeys"), "chainKey"), 0).messageKeys();
        byte[] good = hex(v, "serialized");
        byte[] sender = DjbKeys.deserialize(hex(v, "senderIdentity"));
        byte[] receiver = DjbKeys.deserialize(hex(v, "receiverIdentity"));
        for (int i = 1; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x01;
            assertThrows(InvalidMessageException.class, () -> SignalMessage.parse(bad).verifyMac(keys.macKey(), sender, receiver),
                    "bit flip at byte " + i);
        }
    }

    @Test
    void preKeyMessageIsByteForByteLibsignalNodes() {
        JsonNode v = V.get("preKeyMessage");
        SignalMessage inner = SignalMessage.parse(hex(V.get("whisperMessage"), "serialized"));
        PreKeySignalMessage ours = PreKeySignalMessage.create(4321, OptionalInt.of(17), 2, DjbKeys.deserialize(hex(v, "baseKey")),
                DjbKeys.deserialize(hex(v, "identityKey")), inner);
        assertArrayEquals(hex(v, "serialized"), ours.serialize());

        PreKeySignalMessage theirs = PreKeySignalMessage.parse(hex(v, "serialized"));
        assertEquals(4321, theirs.registrationId());
        assertEquals(OptionalInt.of(17), theirs.preKeyId());
        assertEquals(2, theirs.signedPreKeyId());
        assertArrayEquals(DjbKeys.deserialize(hex(v, "baseKey")), theirs.baseKey());
        assertArrayEquals(inner.serialize(), theirs.message().serialize());
    }

    @Test
    void versionByteIsChecked() {
        byte[] good = hex(V.get("whisperMessage"), "serialized");
        assertEquals(0x33, good[0]);
        for (int version : new int[] {0x22, 0x44, 0x34 & 0x0F}) {
            byte[] bad = good.clone();
            bad[0] = (byte) version;
            assertThrows(InvalidMessageException.class, () -> SignalMessage.parse(bad));
        }
        assertThrows(InvalidMessageException.class, () -> SignalMessage.parse(new byte[8]));
    }

    @Test
    void publicKeysNeedTheirTypeByte() {
        byte[] key = fixed(0x11).publicKey();
        byte[] serialized = DjbKeys.serialize(key);
        assertEquals(33, serialized.length);
        assertEquals(0x05, serialized[0]);
        assertArrayEquals(key, DjbKeys.deserialize(serialized));
        serialized[0] = 0x06;
        assertThrows(RuntimeException.class, () -> DjbKeys.deserialize(serialized));
        assertThrows(RuntimeException.class, () -> DjbKeys.deserialize(key));
    }
}
