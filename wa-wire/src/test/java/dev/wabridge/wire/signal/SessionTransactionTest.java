package dev.wabridge.wire.signal;

import dev.wabridge.testkit.MemoryKeyStore;
import dev.wabridge.wire.signal.store.EventBuffer;
import dev.wabridge.wire.signal.store.IdentityStore;
import dev.wabridge.wire.signal.x3dh.PreKeyBundle;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A decrypt commits its ratchet step, consumed prekey, identity and buffered plaintext in one
 * transaction: a store failure half-way leaves nothing behind and the same message decrypts
 * again; a ciphertext already in the event buffer is answered from it without touching the
 * ratchet.
 */
class SessionTransactionTest {
    private final SignalParty alice = new SignalParty("34600000001", 0);
    private final FailingKeyStore bobStore = new FailingKeyStore(new MemoryKeyStore());
    private final SignalParty bob = new SignalParty("34600000002", 1, bobStore);

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aPkmsgWhoseTransactionFailsLeavesNoTraceAndDecryptsAgain() {
        PreKeyBundle bundle = bob.bundle(true);
        alice.builder().process(bob.address, bundle);
        Ciphertext c = alice.cipher().encrypt(bob.address, b("first contact"));
        int preKeyId = bundle.preKeyId().getAsInt();

        // The event buffer is written last, after the session and the prekey removal.
        bobStore.failNextWriteTo("event-buffer");
        assertThrows(IllegalStateException.class, () -> bob.cipher().decrypt(alice.address, c.type(), c.body()));
        assertTrue(bob.stores.preKeys().load(preKeyId).isPresent(), "prekey not consumed");
        assertTrue(bob.stores.sessions().load(alice.address).isEmpty(), "no session stored");
        assertTrue(bob.stores.identities().get(alice.address).isEmpty(), "identity not saved");
        assertTrue(bob.stores.eventBuffer().get(EventBuffer.hash(c.body())).isEmpty());

        Decrypted d = bob.cipher().decrypt(alice.address, c.type(), c.body());
        assertEquals("first contact", new String(d.plaintext(), StandardCharsets.UTF_8));
        assertEquals(IdentityStore.Change.NEW, d.identityChange());
        assertTrue(bob.stores.preKeys().load(preKeyId).isEmpty());
    }

    @Test
    void aMsgWhoseTransactionFailsAfterTheRatchetStepDecryptsAgain() {
        alice.builder().process(bob.address, bob.bundle(true));
        Ciphertext hello = alice.cipher().encrypt(bob.address, b("hello"));
        bob.cipher().decrypt(alice.address, hello.type(), hello.body());
        Ciphertext reply = bob.cipher().encrypt(alice.address, b("hi"));
        alice.cipher().decrypt(bob.address, reply.type(), reply.body());
        Ciphertext next = alice.cipher().encrypt(bob.address, b("a new ratchet key"));

        byte[] before = bob.stores.sessions().load(alice.address).orElseThrow();
        bobStore.failNextWriteTo("event-buffer");
        assertThrows(IllegalStateException.class, () -> bob.cipher().decrypt(alice.address, next.type(), next.body()));
        assertArrayEquals(before, bob.stores.sessions().load(alice.address).orElseThrow(), "ratchet step rolled back");

        assertEquals("a new ratchet key", new String(bob.cipher().decrypt(alice.address, next.type(), next.body()).plaintext(),
                StandardCharsets.UTF_8));
    }

    @Test
    void anEncryptWhoseTransactionFailsDoesNotAdvanceTheChain() {
        alice.builder().process(bob.address, bob.bundle(true));
        Ciphertext hello = alice.cipher().encrypt(bob.address, b("hello"));
        bob.cipher().decrypt(alice.address, hello.type(), hello.body());
        byte[] before = bob.stores.sessions().load(alice.address).orElseThrow();
        bobStore.failNextWriteTo("session");
        assertThrows(IllegalStateException.class, () -> bob.cipher().encrypt(alice.address, b("lost")));
        assertArrayEquals(before, bob.stores.sessions().load(alice.address).orElseThrow());
        Ciphertext sent = bob.cipher().encrypt(alice.address, b("sent"));
        assertEquals("sent", new String(alice.cipher().decrypt(bob.address, sent.type(), sent.body()).plaintext(), StandardCharsets.UTF_8));
    }

    @Test
    void aBufferedCiphertextIsAnsweredWithoutTouchingTheRatchet() {
        alice.builder().process(bob.address, bob.bundle(true));
        Ciphertext first = alice.cipher().encrypt(bob.address, b("once"));
        Decrypted d = bob.cipher().decrypt(alice.address, first.type(), first.body());
        assertFalse(d.redelivered());
        byte[] record = bob.stores.sessions().load(alice.address).orElseThrow();

        Decrypted again = bob.cipher().decrypt(alice.address, first.type(), first.body());
        assertTrue(again.redelivered());
        assertArrayEquals(d.plaintext(), again.plaintext());
        assertEquals(IdentityStore.Change.UNCHANGED, again.identityChange());
        assertTrue(Arrays.equals(record, bob.stores.sessions().load(alice.address).orElseThrow()), "session untouched");

        // Still answered after the session moved on (the transport acks only after the daemon commits).
        for (int i = 0; i < 3; i++) {
            Ciphertext r = bob.cipher().encrypt(alice.address, b("r" + i));
            alice.cipher().decrypt(bob.address, r.type(), r.body());
            Ciphertext m = alice.cipher().encrypt(bob.address, b("m" + i));
            bob.cipher().decrypt(alice.address, m.type(), m.body());
        }
        assertTrue(bob.cipher().decrypt(alice.address, first.type(), first.body()).redelivered());
    }
}
