package dev.wabridge.wire.signal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wabridge.wire.crypto.Vectors;
import dev.wabridge.wire.signal.groups.SenderChainKey;
import dev.wabridge.wire.signal.groups.SenderMessageKey;
import dev.wabridge.wire.signal.protocol.DuplicateMessageException;
import dev.wabridge.wire.signal.protocol.InvalidMessageException;
import dev.wabridge.wire.signal.protocol.MessageTooFarAheadException;
import dev.wabridge.wire.signal.protocol.NoSessionException;
import dev.wabridge.wire.signal.protocol.SenderKeyDistributionMessage;
import dev.wabridge.wire.signal.protocol.SenderKeyMessage;
import dev.wabridge.wire.signal.ratchet.RatchetLimits;
import dev.wabridge.wire.signal.store.EventBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sender keys: distribution, encryption by the sender, decryption by the members, both ways,
 * in random order (seeded, printed on failure), with the iteration bound, duplicates, bad
 * signatures and key rotation. {@link #senderMessageKeyMatchesLibsignalNode} is a known answer
 * computed with libsignal-node 2.0.1's crypto as Baileys WASignalGroup/sender_message_key.js
 * and sender_chain_key.js use it (vectors/signal-libsignal-node.json).
 */
class GroupCipherTest {
    private static final String GROUP = "120363000000000001@g.us";

    private final SignalParty alice = new SignalParty("34600000001", 0);
    private final SignalParty bob = new SignalParty("34600000002", 2);
    private final SignalParty carol = new SignalParty("34600000003", 0);

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String s(Decrypted d) {
        return new String(d.plaintext(), StandardCharsets.UTF_8);
    }

    private void distribute(SignalParty sender, SignalParty... members) {
        byte[] skdm = sender.groupBuilder().createDistribution(GROUP, sender.address);
        for (SignalParty m : members) {
            m.groupBuilder().processDistribution(GROUP, sender.address, skdm);
        }
    }

    @Test
    void senderMessageKeyMatchesLibsignalNode() {
        JsonNode v = Vectors.load("signal-libsignal-node.json").get("senderMessageKey");
        SenderChainKey chain = new SenderChainKey(0, Vectors.hex(v.get("chainKey")));
        assertArrayEquals(Vectors.hex(v.get("seed")), chain.messageKeySeed());
        assertArrayEquals(Vectors.hex(v.get("nextChainKey")), chain.next().key());
        SenderMessageKey key = chain.messageKey();
        assertArrayEquals(Vectors.hex(v.get("iv")), key.iv());
        assertArrayEquals(Vectors.hex(v.get("cipherKey")), key.cipherKey());
    }

    @Test
    void membersReadEachOthersMessagesInAnyOrder() {
        long seed = Long.getLong("signal.seed", System.nanoTime());
        try {
            Random random = new Random(seed);
            distribute(alice, bob, carol);
            distribute(bob, alice, carol);
            List<Integer> order = new ArrayList<>();
            List<byte[]> fromAlice = new ArrayList<>();
            List<byte[]> fromBob = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                fromAlice.add(alice.groupCipher().encrypt(GROUP, alice.address, b("a" + i)));
                fromBob.add(bob.groupCipher().encrypt(GROUP, bob.address, b("b" + i)));
                order.add(i);
            }
            Collections.shuffle(order, random);
            for (int i : order) {
                assertEquals("a" + i, s(bob.groupCipher().decrypt(GROUP, alice.address, fromAlice.get(i))));
                assertEquals("b" + i, s(alice.groupCipher().decrypt(GROUP, bob.address, fromBob.get(i))));
                assertEquals("a" + i, s(carol.groupCipher().decrypt(GROUP, alice.address, fromAlice.get(i))));
                if (random.nextInt(10) == 0) {
                    Decrypted again = bob.groupCipher().decrypt(GROUP, alice.address, fromAlice.get(i));
                    assertTrue(again.redelivered());
                    bob.stores.eventBuffer().delete(EventBuffer.hash(fromAlice.get(i)));
                    int n = i;
                    assertThrows(DuplicateMessageException.class, () -> bob.groupCipher().decrypt(GROUP, alice.address, fromAlice.get(n)));
                }
            }
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
        }
    }

    @Test
    void theDistributionCarriesTheCurrentIterationSoLateJoinersReadOnlyWhatFollows() {
        distribute(alice, bob);
        byte[] before = alice.groupCipher().encrypt(GROUP, alice.address, b("before carol"));
        distribute(alice, carol);
        SenderKeyDistributionMessage skdm = SenderKeyDistributionMessage.parse(alice.groupBuilder().createDistribution(GROUP, alice.address));
        assertEquals(1, skdm.iteration());
        byte[] after = alice.groupCipher().encrypt(GROUP, alice.address, b("after carol"));
        assertThrows(DuplicateMessageException.class, () -> carol.groupCipher().decrypt(GROUP, alice.address, before));
        assertEquals("after carol", s(carol.groupCipher().decrypt(GROUP, alice.address, after)));
        assertEquals("before carol", s(bob.groupCipher().decrypt(GROUP, alice.address, before)));
    }

    @Test
    void aRepeatedDistributionDoesNotRewindTheChain() {
        byte[] skdm = alice.groupBuilder().createDistribution(GROUP, alice.address);
        bob.groupBuilder().processDistribution(GROUP, alice.address, skdm);
        byte[] m = alice.groupCipher().encrypt(GROUP, alice.address, b("once"));
        bob.groupCipher().decrypt(GROUP, alice.address, m);
        bob.stores.eventBuffer().delete(EventBuffer.hash(m));
        bob.groupBuilder().processDistribution(GROUP, alice.address, skdm);
        assertThrows(DuplicateMessageException.class, () -> bob.groupCipher().decrypt(GROUP, alice.address, m));
    }

    @Test
    void iterationsTooFarAheadAreRefusedAndTheChainGoesOn() {
        distribute(alice, bob);
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i <= RatchetLimits.MAX_FORWARD_JUMPS + 1; i++) {
            sent.add(alice.groupCipher().encrypt(GROUP, alice.address, b("m" + i)));
        }
        byte[] record = bob.stores.senderKeys().load(GROUP, alice.address).orElseThrow();
        assertThrows(MessageTooFarAheadException.class,
                () -> bob.groupCipher().decrypt(GROUP, alice.address, sent.get(RatchetLimits.MAX_FORWARD_JUMPS + 1)));
        assertArrayEquals(record, bob.stores.senderKeys().load(GROUP, alice.address).orElseThrow());
        assertEquals("m0", s(bob.groupCipher().decrypt(GROUP, alice.address, sent.get(0))));
        assertEquals("m" + (RatchetLimits.MAX_FORWARD_JUMPS + 1),
                s(bob.groupCipher().decrypt(GROUP, alice.address, sent.get(RatchetLimits.MAX_FORWARD_JUMPS + 1))));
        assertEquals("m7", s(bob.groupCipher().decrypt(GROUP, alice.address, sent.get(7))));
    }

    @Test
    void aForgedSignatureOrUnknownKeyIsRefused() {
        distribute(alice, bob);
        byte[] m = alice.groupCipher().encrypt(GROUP, alice.address, b("signed"));
        byte[] forged = m.clone();
        forged[forged.length - 5] ^= 1;
        assertThrows(InvalidMessageException.class, () -> bob.groupCipher().decrypt(GROUP, alice.address, forged));
        byte[] otherBody = m.clone();
        otherBody[otherBody.length - SenderKeyMessage.SIGNATURE_LENGTH - 3] ^= 1;
        assertThrows(InvalidMessageException.class, () -> bob.groupCipher().decrypt(GROUP, alice.address, otherBody));
        assertEquals("signed", s(bob.groupCipher().decrypt(GROUP, alice.address, m)));
        assertThrows(NoSessionException.class, () -> carol.groupCipher().decrypt(GROUP, alice.address, m));
        assertThrows(NoSessionException.class, () -> bob.groupCipher().encrypt(GROUP, bob.address, b("no key of mine")));
    }

    @Test
    void afterRotationOldAndNewKeysBothDecrypt() {
        distribute(alice, bob);
        byte[] old = alice.groupCipher().encrypt(GROUP, alice.address, b("old key"));
        int oldId = SenderKeyMessage.parse(old).keyId();
        alice.groupBuilder().rotate(GROUP, alice.address);
        distribute(alice, bob);
        byte[] fresh = alice.groupCipher().encrypt(GROUP, alice.address, b("new key"));
        assertNotEquals(oldId, SenderKeyMessage.parse(fresh).keyId());
        assertEquals("new key", s(bob.groupCipher().decrypt(GROUP, alice.address, fresh)));
        assertEquals("old key", s(bob.groupCipher().decrypt(GROUP, alice.address, old)));
    }
}
