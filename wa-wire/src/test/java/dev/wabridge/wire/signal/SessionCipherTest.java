package dev.wabridge.wire.signal;

import dev.wabridge.wire.signal.protocol.DuplicateMessageException;
import dev.wabridge.wire.signal.protocol.InvalidKeyException;
import dev.wabridge.wire.signal.protocol.InvalidKeyIdException;
import dev.wabridge.wire.signal.protocol.InvalidMessageException;
import dev.wabridge.wire.signal.protocol.NoSessionException;
import dev.wabridge.wire.signal.protocol.PreKeySignalMessage;
import dev.wabridge.wire.signal.store.EventBuffer;
import dev.wabridge.wire.signal.store.IdentityStore;
import dev.wabridge.wire.signal.x3dh.PreKeyBundle;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pairwise sessions between two devices, each with its own in-memory key store, both ways. */
class SessionCipherTest {
    private final SignalParty alice = new SignalParty("34600000001", 0);
    private final SignalParty bob = new SignalParty("34600000002", 3);

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String s(Decrypted d) {
        return new String(d.plaintext(), StandardCharsets.UTF_8);
    }

    private Decrypted toBob(Ciphertext c) {
        return bob.cipher().decrypt(alice.address, c.type(), c.body());
    }

    private Decrypted toAlice(Ciphertext c) {
        return alice.cipher().decrypt(bob.address, c.type(), c.body());
    }

    @Test
    void aliceStartsWithPkmsgsUntilBobAnswersThenBothUseMsg() {
        PreKeyBundle bundle = bob.bundle(true);
        assertEquals(IdentityStore.Change.NEW, alice.builder().process(bob.address, bundle));
        assertTrue(alice.cipher().hasSession(bob.address));

        Ciphertext first = alice.cipher().encrypt(bob.address, b("hello bob"));
        Ciphertext second = alice.cipher().encrypt(bob.address, b("are you there?"));
        assertEquals(CiphertextType.PKMSG, first.type());
        assertEquals(CiphertextType.PKMSG, second.type());
        int preKeyId = bundle.preKeyId().getAsInt();
        assertEquals(preKeyId, PreKeySignalMessage.parse(first.body()).preKeyId().getAsInt());
        assertTrue(bob.stores.preKeys().load(preKeyId).isPresent());

        Decrypted d = toBob(first);
        assertEquals("hello bob", s(d));
        assertEquals(IdentityStore.Change.NEW, d.identityChange());
        assertFalse(d.redelivered());
        assertTrue(bob.stores.preKeys().load(preKeyId).isEmpty(), "the one-time prekey is consumed");
        assertArrayEquals(alice.identity.identityKey().publicKey(), bob.stores.identities().get(alice.address).orElseThrow());
        // The second pkmsg names the consumed prekey, but the session exists already.
        assertEquals("are you there?", s(toBob(second)));

        Ciphertext reply = bob.cipher().encrypt(alice.address, b("yes"));
        assertEquals(CiphertextType.MSG, reply.type());
        assertEquals("yes", s(toAlice(reply)));
        Ciphertext third = alice.cipher().encrypt(bob.address, b("good"));
        assertEquals(CiphertextType.MSG, third.type(), "Bob answered: no more pkmsg");
        assertEquals("good", s(toBob(third)));
    }

    @Test
    void laterPkmsgArrivingFirstStillWorks() {
        alice.builder().process(bob.address, bob.bundle(true));
        List<Ciphertext> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(alice.cipher().encrypt(bob.address, b("m" + i)));
        }
        for (int i : new int[] {3, 0, 4, 1, 2}) {
            assertEquals("m" + i, s(toBob(sent.get(i))));
        }
    }

    @Test
    void bundleWithoutOneTimePreKeyUsesThreeDhs() {
        alice.builder().process(bob.address, bob.bundle(false));
        Ciphertext c = alice.cipher().encrypt(bob.address, b("no prekey left"));
        assertTrue(PreKeySignalMessage.parse(c.body()).preKeyId().isEmpty());
        assertEquals("no prekey left", s(toBob(c)));
        assertEquals("back", s(toAlice(bob.cipher().encrypt(alice.address, b("back")))));
    }

    @Test
    void aBadSignedPreKeySignatureIsRefused() {
        PreKeyBundle good = bob.bundle(true);
        byte[] sig = good.signedPreKeySignature();
        sig[10] ^= 1;
        PreKeyBundle bad = new PreKeyBundle(good.registrationId(), good.identityKey(), good.signedPreKeyId(), good.signedPreKey(),
                sig, good.preKeyId(), good.preKey());
        assertThrows(InvalidKeyException.class, () -> alice.builder().process(bob.address, bad));
        assertFalse(alice.cipher().hasSession(bob.address));
    }

    @Test
    void aPkmsgForAnUnknownPreKeyIsRefusedAndChangesNothing() {
        PreKeyBundle bundle = bob.bundle(true);
        bob.stores.preKeys().remove(bundle.preKeyId().getAsInt());
        alice.builder().process(bob.address, bundle);
        Ciphertext c = alice.cipher().encrypt(bob.address, b("x"));
        assertThrows(InvalidKeyIdException.class, () -> toBob(c));
        assertTrue(bob.stores.identities().get(alice.address).isEmpty(), "identity not saved by a failed decrypt");
        assertFalse(bob.cipher().hasSession(alice.address));
    }

    @Test
    void encryptOrDecryptWithoutASessionSaysSo() {
        assertThrows(NoSessionException.class, () -> alice.cipher().encrypt(bob.address, b("x")));
        alice.builder().process(bob.address, bob.bundle(true));
        toBob(alice.cipher().encrypt(bob.address, b("x")));
        Ciphertext msg = bob.cipher().encrypt(alice.address, b("y"));
        SignalParty carol = new SignalParty("34600000003", 0);
        assertThrows(NoSessionException.class, () -> carol.cipher().decrypt(bob.address, msg.type(), msg.body()));
    }

    @Test
    void aRepeatedCounterIsADuplicateNotCorruption() {
        alice.builder().process(bob.address, bob.bundle(true));
        toBob(alice.cipher().encrypt(bob.address, b("start")));
        Ciphertext m1 = bob.cipher().encrypt(alice.address, b("one"));
        Ciphertext m2 = bob.cipher().encrypt(alice.address, b("two"));
        assertEquals("one", s(toAlice(m1)));
        // Same bytes again: answered from the event buffer.
        Decrypted again = toAlice(m1);
        assertTrue(again.redelivered());
        assertEquals("one", s(again));
        // Once the buffer entry is gone (the stanza was acked), the ratchet says duplicate.
        alice.stores.eventBuffer().delete(EventBuffer.hash(m1.body()));
        assertThrows(DuplicateMessageException.class, () -> toAlice(m1));
        assertEquals("two", s(toAlice(m2)), "the session goes on");
    }

    @Test
    void aTamperedMessageFailsAndTheSessionGoesOn() {
        alice.builder().process(bob.address, bob.bundle(true));
        toBob(alice.cipher().encrypt(bob.address, b("start")));
        Ciphertext m = bob.cipher().encrypt(alice.address, b("payload"));
        byte[] bad = m.body();
        bad[bad.length - 12] ^= 0x40;
        assertThrows(InvalidMessageException.class, () -> alice.cipher().decrypt(bob.address, CiphertextType.MSG, bad));
        assertEquals("payload", s(toAlice(m)));
    }

    @Test
    void aNewIdentityIsAcceptedReportedAndTheOldSessionsDropped() {
        alice.builder().process(bob.address, bob.bundle(true));
        toBob(alice.cipher().encrypt(bob.address, b("old phone")));
        toAlice(bob.cipher().encrypt(alice.address, b("hi")));

        // Alice reinstalls: same address, new identity key, empty store.
        SignalParty newAlice = new SignalParty("34600000001", 0);
        newAlice.builder().process(bob.address, bob.bundle(true));
        Ciphertext c = newAlice.cipher().encrypt(bob.address, b("new phone"));
        Decrypted d = bob.cipher().decrypt(newAlice.address, c.type(), c.body());
        assertEquals("new phone", s(d));
        assertEquals(IdentityStore.Change.REPLACED, d.identityChange());
        assertArrayEquals(newAlice.identity.identityKey().publicKey(), bob.stores.identities().get(alice.address).orElseThrow());

        Ciphertext reply = bob.cipher().encrypt(alice.address, b("welcome back"));
        assertEquals("welcome back", s(newAlice.cipher().decrypt(bob.address, reply.type(), reply.body())));
        // The old installation's session is gone: Bob's reply is not for it.
        assertThrows(InvalidMessageException.class, () -> toAlice(reply));
    }

    @Test
    void bundleWithAChangedIdentityIsReportedToTheInitiator() {
        alice.builder().process(bob.address, bob.bundle(true));
        SignalParty newBob = new SignalParty("34600000002", 3);
        assertEquals(IdentityStore.Change.REPLACED, alice.builder().process(bob.address, newBob.bundle(true)));
        Ciphertext c = alice.cipher().encrypt(bob.address, b("hello again"));
        assertEquals("hello again", s(newBob.cipher().decrypt(alice.address, c.type(), c.body())));
    }

    @Test
    void simultaneousInitiationConvergesThroughArchivedSessions() {
        alice.builder().process(bob.address, bob.bundle(true));
        bob.builder().process(alice.address, alice.bundle(true));
        Ciphertext fromAlice = alice.cipher().encrypt(bob.address, b("from alice"));
        Ciphertext fromBob = bob.cipher().encrypt(alice.address, b("from bob"));
        assertEquals("from alice", s(toBob(fromAlice)));
        assertEquals("from bob", s(toAlice(fromBob)));
        // Each now sends on the session the other started; the receiver finds it in its archive.
        for (int round = 0; round < 3; round++) {
            assertEquals("a" + round, s(toBob(alice.cipher().encrypt(bob.address, b("a" + round)))));
            assertEquals("b" + round, s(toAlice(bob.cipher().encrypt(alice.address, b("b" + round)))));
        }
    }

    @Test
    void aLateMessageOnAnArchivedSessionStillDecrypts() {
        alice.builder().process(bob.address, bob.bundle(true));
        toBob(alice.cipher().encrypt(bob.address, b("s1")));
        Ciphertext late = bob.cipher().encrypt(alice.address, b("late on session 1"));
        // Alice starts over from a new bundle (e.g. after a retry receipt); session 1 is archived.
        alice.builder().process(bob.address, bob.bundle(true));
        assertEquals("s2", s(toBob(alice.cipher().encrypt(bob.address, b("s2")))));
        assertEquals("late on session 1", s(toAlice(late)));
    }
}
