package dev.wabridge.wire.signal;

import dev.wabridge.wire.signal.protocol.DuplicateMessageException;
import dev.wabridge.wire.signal.protocol.InvalidMessageException;
import dev.wabridge.wire.signal.protocol.MessageTooFarAheadException;
import dev.wabridge.wire.signal.protocol.PreKeySignalMessage;
import dev.wabridge.wire.signal.protocol.SignalMessage;
import dev.wabridge.wire.signal.ratchet.RatchetLimits;
import dev.wabridge.wire.signal.store.EventBuffer;
import dev.wabridge.wire.signal.x3dh.PreKeyBundle;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Thousands of messages both ways over one session, sent in bursts and delivered in random
 * order, some dropped, some delivered again (from the event buffer, or after it was cleared, to
 * reach the ratchet's duplicate check). A small model of the receiver predicts every outcome:
 * a message decrypts if its sender chain is one of the receiver's last
 * {@link RatchetLimits#MAX_RECEIVER_CHAINS} and its counter is unused; a repeat is a
 * duplicate; a message whose chain was dropped is invalid; and a failure never disturbs what
 * follows. Seeded {@link Random}; the seed is printed on failure ({@code -Dsignal.seed=N}
 * replays one).
 */
class SessionRoundTripTest {
    private static final int MESSAGES = 4000;

    @Test
    void randomOrderDropsAndDuplicatesFixedSeed() {
        run(20261125L);
    }

    @Test
    void randomOrderDropsAndDuplicatesFreshSeed() {
        run(Long.getLong("signal.seed", System.nanoTime()));
    }

    /** One message in flight and what the receiver's model needs to know about it. */
    private record Flight(Ciphertext ciphertext, String plaintext, String chain, int counter) {
        String id() {
            return chain + ":" + counter;
        }
    }

    /** What one receiver has: the sender chains it keeps (oldest first), the ones it saw, the counters it used. */
    private static final class Model {
        final List<String> chains = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        final Set<String> used = new HashSet<>();
    }

    private static final class Counts {
        int sent;
        int decrypted;
        int outOfOrder;
        int redelivered;
        int duplicates;
        int expired;
        int dropped;

        @Override
        public String toString() {
            return "sent " + sent + ", decrypted " + decrypted + " (" + outOfOrder + " after a later one), redelivered " + redelivered
                    + ", duplicates " + duplicates + ", expired chains " + expired + ", dropped " + dropped;
        }
    }

    private static Flight flight(Ciphertext c, String plaintext) {
        SignalMessage m = c.type() == CiphertextType.PKMSG ? PreKeySignalMessage.parse(c.body()).message() : SignalMessage.parse(c.body());
        return new Flight(c, plaintext, HexFormat.of().formatHex(m.ratchetKey()), m.counter());
    }

    private void run(long seed) {
        Counts counts = new Counts();
        try {
            scenario(new Random(seed), counts);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("seed " + seed + " (" + counts + "): " + e.getMessage(), e);
        }
        System.out.println("SessionRoundTripTest seed " + seed + ": " + counts);
        assertTrue(counts.outOfOrder > 100 && counts.duplicates > 10 && counts.redelivered > 10, "seed " + seed + ": " + counts);
    }

    private void scenario(Random random, Counts counts) {
        SignalParty alice = new SignalParty("34600000001", 0);
        SignalParty bob = new SignalParty("34600000002", 1);
        PreKeyBundle bundle = bob.bundle(true);
        alice.builder().process(bob.address, bundle);
        Model aliceModel = new Model();
        Model bobModel = new Model();
        String bobSignedPreKey = HexFormat.of().formatHex(bundle.signedPreKey());
        aliceModel.chains.add(bobSignedPreKey); // X3DH gives Alice a receiving chain for it
        aliceModel.seen.add(bobSignedPreKey);

        List<Flight> toBob = new ArrayList<>();
        List<Flight> toAlice = new ArrayList<>();
        List<Flight> deliveredToBob = new ArrayList<>();
        List<Flight> deliveredToAlice = new ArrayList<>();
        int[] highest = new int[2]; // highest counter delivered so far per direction, to count out-of-order deliveries
        while (counts.sent < MESSAGES || !toBob.isEmpty() || !toAlice.isEmpty()) {
            int action = counts.sent < MESSAGES ? random.nextInt(100) : 40 + random.nextInt(40);
            if (action < 20) {
                for (int i = 1 + random.nextInt(4); i > 0; i--) {
                    String text = "a" + counts.sent++;
                    toBob.add(flight(alice.cipher().encrypt(bob.address, bytes(text)), text));
                }
            } else if (action < 40) {
                if (bob.cipher().hasSession(alice.address)) {
                    for (int i = 1 + random.nextInt(4); i > 0; i--) {
                        String text = "b" + counts.sent++;
                        toAlice.add(flight(bob.cipher().encrypt(alice.address, bytes(text)), text));
                    }
                }
            } else if (action < 60) {
                deliver(random, toBob, deliveredToBob, bob, alice, bobModel, counts, highest, 0);
            } else if (action < 80) {
                deliver(random, toAlice, deliveredToAlice, alice, bob, aliceModel, counts, highest, 1);
            } else if (action < 88) {
                List<Flight> queue = random.nextBoolean() ? toBob : toAlice;
                if (!queue.isEmpty()) {
                    queue.remove(random.nextInt(queue.size()));
                    counts.dropped++;
                }
            } else if (action < 94) {
                redeliver(random, deliveredToBob, bob, alice, bobModel, counts);
            } else {
                redeliver(random, deliveredToAlice, alice, bob, aliceModel, counts);
            }
        }
    }

    private static void deliver(Random random, List<Flight> queue, List<Flight> delivered, SignalParty receiver, SignalParty sender,
                                Model model, Counts counts, int[] highest, int direction) {
        if (queue.isEmpty()) {
            return;
        }
        // Mostly the oldest few, sometimes anything: bounded reordering with a long tail.
        int index = random.nextInt(10) < 8 ? random.nextInt(Math.min(queue.size(), 6)) : random.nextInt(queue.size());
        Flight f = queue.remove(index);
        boolean expectOk = model.chains.contains(f.chain()) || !model.seen.contains(f.chain());
        if (expectOk) {
            Decrypted d = decrypt(receiver, sender, f);
            assertEquals(f.plaintext(), text(d));
            counts.decrypted++;
            int order = Integer.parseInt(f.plaintext().substring(1));
            if (order < highest[direction]) {
                counts.outOfOrder++;
            }
            highest[direction] = Math.max(highest[direction], order);
            model.used.add(f.id());
            if (model.seen.add(f.chain())) {
                model.chains.add(f.chain());
                if (model.chains.size() > RatchetLimits.MAX_RECEIVER_CHAINS) {
                    model.chains.remove(0);
                }
            }
            delivered.add(f);
        } else {
            assertThrows(InvalidMessageException.class, () -> decrypt(receiver, sender, f), f.plaintext() + " on a dropped chain");
            counts.expired++;
        }
    }

    private static void redeliver(Random random, List<Flight> delivered, SignalParty receiver, SignalParty sender, Model model,
                                  Counts counts) {
        if (delivered.isEmpty()) {
            return;
        }
        int index = random.nextInt(delivered.size());
        Flight f = delivered.get(index);
        if (random.nextBoolean()) {
            Decrypted d = decrypt(receiver, sender, f);
            assertTrue(d.redelivered(), "answered from the event buffer");
            assertEquals(f.plaintext(), text(d));
            counts.redelivered++;
            return;
        }
        receiver.stores.eventBuffer().delete(EventBuffer.hash(f.ciphertext().body()));
        delivered.remove(index); // no buffer entry any more: it can only be a duplicate from now on
        if (model.chains.contains(f.chain())) {
            assertThrows(DuplicateMessageException.class, () -> decrypt(receiver, sender, f), f.plaintext() + " again");
            counts.duplicates++;
        } else {
            assertThrows(InvalidMessageException.class, () -> decrypt(receiver, sender, f), f.plaintext() + " again, chain dropped");
            counts.expired++;
        }
    }

    private static Decrypted decrypt(SignalParty receiver, SignalParty sender, Flight f) {
        return receiver.cipher().decrypt(sender.address, f.ciphertext().type(), f.ciphertext().body());
    }

    @Test
    void skippedKeyBoundRefusesCleanlyAndTheSessionGoesOn() {
        SignalParty alice = new SignalParty("34600000001", 0);
        SignalParty bob = new SignalParty("34600000002", 1);
        alice.builder().process(bob.address, bob.bundle(true));
        Ciphertext hello = alice.cipher().encrypt(bob.address, bytes("hello"));
        bob.cipher().decrypt(alice.address, hello.type(), hello.body());
        Ciphertext ack = bob.cipher().encrypt(alice.address, bytes("ack"));
        alice.cipher().decrypt(bob.address, ack.type(), ack.body());

        // Bob's next receiving chain starts at 0: 2002 messages, the last 2001 ahead.
        List<Ciphertext> burst = new ArrayList<>();
        for (int i = 0; i <= RatchetLimits.MAX_FORWARD_JUMPS + 1; i++) {
            burst.add(alice.cipher().encrypt(bob.address, bytes("m" + i)));
        }
        Ciphertext tooFar = burst.get(RatchetLimits.MAX_FORWARD_JUMPS + 1);
        byte[] before = bob.stores.sessions().load(alice.address).orElseThrow();
        assertThrows(MessageTooFarAheadException.class, () -> bob.cipher().decrypt(alice.address, tooFar.type(), tooFar.body()));
        assertTrue(Arrays.equals(before, bob.stores.sessions().load(alice.address).orElseThrow()), "nothing changed");

        // Exactly at the bound is fine, and keeps 2000 skipped keys for the rest.
        Ciphertext atBound = burst.get(RatchetLimits.MAX_FORWARD_JUMPS);
        assertEquals("m" + RatchetLimits.MAX_FORWARD_JUMPS, text(bob.cipher().decrypt(alice.address, atBound.type(), atBound.body())));
        assertEquals("m" + (RatchetLimits.MAX_FORWARD_JUMPS + 1), text(bob.cipher().decrypt(alice.address, tooFar.type(), tooFar.body())));
        for (int i = RatchetLimits.MAX_FORWARD_JUMPS - 1; i >= 0; i -= 97) {
            Ciphertext c = burst.get(i);
            assertEquals("m" + i, text(bob.cipher().decrypt(alice.address, c.type(), c.body())));
        }
        // Both directions still work.
        Ciphertext reply = bob.cipher().encrypt(alice.address, bytes("still here"));
        assertEquals("still here", text(alice.cipher().decrypt(bob.address, reply.type(), reply.body())));
        Ciphertext next = alice.cipher().encrypt(bob.address, bytes("me too"));
        assertEquals("me too", text(bob.cipher().decrypt(alice.address, next.type(), next.body())));
    }

    @Test
    void skippedKeysBeyondTheStoreBoundAreForgottenOldestFirst() {
        SignalParty alice = new SignalParty("34600000001", 0);
        SignalParty bob = new SignalParty("34600000002", 1);
        alice.builder().process(bob.address, bob.bundle(true));
        List<Ciphertext> sent = new ArrayList<>();
        for (int i = 0; i < RatchetLimits.MAX_MESSAGE_KEYS + 10; i++) {
            sent.add(alice.cipher().encrypt(bob.address, bytes("m" + i)));
        }
        // Reach 1999 (1999 keys kept), then 2009 (9 more: the 8 oldest go).
        for (int i : new int[] {RatchetLimits.MAX_MESSAGE_KEYS - 1, RatchetLimits.MAX_MESSAGE_KEYS + 9}) {
            Ciphertext c = sent.get(i);
            assertEquals("m" + i, text(bob.cipher().decrypt(alice.address, c.type(), c.body())));
        }
        for (int i = 0; i < 8; i++) {
            Ciphertext c = sent.get(i);
            assertThrows(DuplicateMessageException.class, () -> bob.cipher().decrypt(alice.address, c.type(), c.body()));
        }
        for (int i = 8; i < 12; i++) {
            Ciphertext c = sent.get(i);
            assertEquals("m" + i, text(bob.cipher().decrypt(alice.address, c.type(), c.body())));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Decrypted d) {
        return new String(d.plaintext(), StandardCharsets.UTF_8);
    }
}
