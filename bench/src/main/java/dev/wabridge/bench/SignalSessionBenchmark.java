package dev.wabridge.bench;

import dev.wabridge.testkit.MemoryKeyStore;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.crypto.Curve25519;
import dev.wabridge.wire.crypto.KeyPair;
import dev.wabridge.wire.crypto.XEdDSA;
import dev.wabridge.wire.signal.Ciphertext;
import dev.wabridge.wire.signal.Decrypted;
import dev.wabridge.wire.signal.LocalIdentity;
import dev.wabridge.wire.signal.SessionBuilder;
import dev.wabridge.wire.signal.SessionCipher;
import dev.wabridge.wire.signal.protocol.DjbKeys;
import dev.wabridge.wire.signal.store.EventBuffer;
import dev.wabridge.wire.signal.store.PreKeyStore;
import dev.wabridge.wire.signal.store.SignalAddress;
import dev.wabridge.wire.signal.store.SignalStores;
import dev.wabridge.wire.signal.store.SignedPreKeyStore;
import dev.wabridge.wire.signal.x3dh.PreKeyBundle;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Signal on one session chain, one thread: {@code encrypt} (a {@code msg} to a device we have
 * a session with) and {@code decrypt} (the next {@code msg} on the receiving chain), each one
 * key-store transaction on the in-memory store: load and parse the session record, step the
 * chain, AES-CBC, HMAC, serialize and store. Decrypt also writes the plaintext to the event
 * buffer and, as the transport does once the daemon committed, deletes it again. Plaintexts
 * are 100 bytes, a short text message with its padding. Reference: libsignal-node does about
 * 18,000 encrypts and 23,000 decrypts per second on one core here.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class SignalSessionBenchmark {
    private static final byte[] PLAINTEXT = new byte[100];

    /** Two devices with a session both have answered on, so every message is a {@code msg}. */
    @State(Scope.Thread)
    public static class Pair {
        final SignalAddress alice = new SignalAddress("34600000001", Jid.USER_SERVER, 0);
        final SignalAddress bob = new SignalAddress("34600000002", Jid.USER_SERVER, 1);
        SignalStores bobStores;
        SessionCipher aliceCipher;
        SessionCipher bobCipher;

        @Setup(Level.Trial)
        public void pair() {
            SignalStores aliceStores = new SignalStores(new MemoryKeyStore());
            bobStores = new SignalStores(new MemoryKeyStore());
            LocalIdentity aliceId = new LocalIdentity(Curve25519.generate(), 1);
            LocalIdentity bobId = new LocalIdentity(Curve25519.generate(), 2);
            KeyPair signed = Curve25519.generate();
            byte[] signature = XEdDSA.sign(bobId.identityKey().privateKey(), DjbKeys.serialize(signed.publicKey()));
            bobStores.signedPreKeys().storeCurrent(new SignedPreKeyStore.SignedPreKey(1, signed, signature, Instant.now()));
            PreKeyStore.PreKey preKey = bobStores.preKeys().getOrGenerate(1).get(0);
            new SessionBuilder(aliceStores, aliceId).process(bob, new PreKeyBundle(2, bobId.identityKey().publicKey(), 1,
                    signed.publicKey(), signature, OptionalInt.of(preKey.id()), preKey.keyPair().publicKey()));
            aliceCipher = new SessionCipher(aliceStores, aliceId);
            bobCipher = new SessionCipher(bobStores, bobId);
            Ciphertext hello = aliceCipher.encrypt(bob, PLAINTEXT);
            bobCipher.decrypt(alice, hello.type(), hello.body());
            Ciphertext reply = bobCipher.encrypt(alice, PLAINTEXT);
            aliceCipher.decrypt(bob, reply.type(), reply.body());
        }
    }

    /**
     * A pair of its own plus Alice's next messages on one chain, topped up before each
     * iteration for {@link #decrypt} to take in order (enough for a 1-second iteration below
     * 250,000 ops/s). The messages left over stay first, so Bob's chain never has a gap.
     */
    @State(Scope.Thread)
    public static class Inbox extends Pair {
        private static final int BATCH = 250_000;
        Ciphertext[] messages = new Ciphertext[0];
        int next;

        @Setup(Level.Iteration)
        public void fill() {
            int left = messages.length - next;
            Ciphertext[] filled = new Ciphertext[BATCH];
            System.arraycopy(messages, next, filled, 0, left);
            for (int i = left; i < BATCH; i++) {
                filled[i] = aliceCipher.encrypt(bob, PLAINTEXT);
            }
            messages = filled;
            next = 0;
        }
    }

    @Benchmark
    public Ciphertext encrypt(Pair pair) {
        return pair.aliceCipher.encrypt(pair.bob, PLAINTEXT);
    }

    @Benchmark
    @Warmup(iterations = 2, time = 1)
    @Measurement(iterations = 3, time = 1)
    public Decrypted decrypt(Inbox inbox) {
        if (inbox.next == inbox.messages.length) {
            throw new IllegalStateException("the inbox ran out: raise Inbox.BATCH");
        }
        Ciphertext c = inbox.messages[inbox.next++];
        Decrypted d = inbox.bobCipher.decrypt(inbox.alice, c.type(), c.body());
        inbox.bobStores.eventBuffer().delete(EventBuffer.hash(c.body()));
        return d;
    }
}
