package dev.wabridge.transport.web.prekeys;

import dev.wabridge.transport.TransportException;
import dev.wabridge.transport.web.device.Credentials;
import dev.wabridge.transport.web.device.SignalIdentity;
import dev.wabridge.transport.web.services.FakeSessionServices;
import dev.wabridge.transport.web.services.IqException;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.crypto.XEdDSA;
import dev.wabridge.wire.routing.Iq;
import dev.wabridge.wire.signal.protocol.DjbKeys;
import dev.wabridge.wire.signal.store.SignalStores;
import dev.wabridge.wire.signal.store.SignedPreKeyStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The signed-prekey rotation policy: nothing while the key is younger than the age, then
 * Baileys' {@code <rotate><skey>} with the next id and a key signed by our identity; the new
 * key stored before the request and made current (store and credentials) only on the
 * server's answer; a refusal or timeout keeps the current key and the next login sends the
 * same new key; after a rotation the previous key stays readable and older ones go.
 */
class SignedPreKeyRotatorTest {
    private final FakeSessionServices session = new FakeSessionServices();
    private final SignedPreKeyRotator rotator = new SignedPreKeyRotator(session);
    private final SignedPreKeyStore store = new SignalStores(session.keys()).signedPreKeys();

    @BeforeEach
    void registered() {
        // what the runtime does when it loads the credentials: the registration key, made now
        SignalIdentity.ensureSignedPreKey(session.keys(), session.credentials(), session.clock().instant());
    }

    private FakeSessionServices.Request onlyRequest() {
        assertEquals(1, session.requests().size(), "one request: " + session.requests());
        return session.requests().get(0);
    }

    private static void accept(FakeSessionServices.Request r) {
        r.answer().complete(Node.of("iq", Node.attrs("type", "result")));
    }

    @Test
    void aKeyYoungerThanThirtyDaysIsKept() {
        session.scheduler().advance(Duration.ofDays(29));
        CompletableFuture<Void> done = rotator.afterLogin();
        assertTrue(done.isDone());
        assertTrue(session.requests().isEmpty(), "no request for a young key");
        assertEquals(List.of(1), store.ids());
    }

    @Test
    void anOldKeyIsRotatedWithBaileysStanza() {
        Credentials before = session.credentials();
        session.scheduler().advance(Duration.ofDays(31));
        rotator.afterLogin();
        FakeSessionServices.Request r = onlyRequest();
        assertEquals("set", r.type());
        assertEquals("encrypt", r.xmlns());
        Node iq = Iq.request("1", r.type(), r.xmlns(), r.children());
        assertEquals(List.of("rotate"), iq.children().stream().map(Node::tag).toList());
        Node skey = iq.child("rotate").orElseThrow().child("skey").orElseThrow();
        assertEquals(List.of("id", "value", "signature"), skey.children().stream().map(Node::tag).toList());
        assertArrayEquals(new byte[]{0, 0, 2}, skey.child("id").orElseThrow().bytes(), "old id + 1, 3 bytes big-endian");
        byte[] value = skey.child("value").orElseThrow().bytes();
        byte[] signature = skey.child("signature").orElseThrow().bytes();
        assertEquals(32, value.length);
        assertEquals(64, signature.length);
        assertTrue(XEdDSA.verify(before.identityKey().publicKey(), DjbKeys.serialize(value), signature),
                "signed by our identity key over 0x05 ‖ key");
    }

    @Test
    void theNewKeyIsStoredBeforeTheAnswerAndCurrentOnlyAfterIt() {
        Credentials before = session.credentials();
        session.scheduler().advance(Duration.ofDays(31));
        CompletableFuture<Void> done = rotator.afterLogin();
        FakeSessionServices.Request r = onlyRequest();
        byte[] value = r.children().get(0).child("skey").orElseThrow().child("value").orElseThrow().bytes();

        assertArrayEquals(value, store.load(2).orElseThrow().keyPair().publicKey(), "a pkmsg on the new key can be decrypted already");
        assertEquals(1, store.current().orElseThrow().id(), "not current before the server's answer");
        assertEquals(1, session.credentials().signedPreKeyId());

        accept(r);
        assertTrue(done.isDone());
        assertEquals(2, store.current().orElseThrow().id());
        assertEquals(2, session.credentials().signedPreKeyId());
        assertArrayEquals(value, session.credentials().signedPreKey().publicKey());
        assertEquals(2, Credentials.load(session.keys()).orElseThrow().signedPreKeyId(), "the stored credentials too");
        assertEquals(before.signedPreKey(), store.load(1).orElseThrow().keyPair(), "the previous key stays readable");
        Node upload = PreKeyUploader.uploadNode(session.credentials(), List.of()).get(4);
        assertArrayEquals(new byte[]{0, 0, 2}, upload.child("id").orElseThrow().bytes(), "later uploads carry the new key");
    }

    @Test
    void aRefusedRotationKeepsTheCurrentKeyAndTheNextLoginSendsTheSameNewKey() {
        session.scheduler().advance(Duration.ofDays(31));
        CompletableFuture<Void> done = rotator.afterLogin();
        FakeSessionServices.Request first = onlyRequest();
        first.answer().completeExceptionally(new IqException(406, "not-acceptable"));
        assertTrue(done.isDone() && !done.isCompletedExceptionally(), "a failed rotation does not fail the login");
        assertEquals(1, store.current().orElseThrow().id());
        assertEquals(1, session.credentials().signedPreKeyId());
        assertEquals(0, session.credentialSaves());

        rotator.afterLogin();
        FakeSessionServices.Request second = session.requests().get(1);
        assertEquals(first.children(), second.children(), "the stored new key is sent again, not another one");
        second.answer().completeExceptionally(new TransportException("the server did not answer encrypt within 75000 ms", true));
        assertEquals(1, store.current().orElseThrow().id(), "a timeout keeps it too");
    }

    @Test
    void aRotationKeepsOnlyTheNewAndThePreviousKey() {
        session.scheduler().advance(Duration.ofDays(31));
        rotator.afterLogin();
        accept(session.requests().get(0));
        session.scheduler().advance(Duration.ofDays(10));
        rotator.afterLogin();
        assertEquals(1, session.requests().size(), "the new key is young");
        session.scheduler().advance(Duration.ofDays(21));
        rotator.afterLogin();
        accept(session.requests().get(1));
        assertEquals(List.of(2, 3), store.ids());
        assertEquals(3, store.current().orElseThrow().id());
    }

    @Test
    void theAgeIsAParameter() {
        SignedPreKeyRotator daily = new SignedPreKeyRotator(session, Duration.ofDays(1));
        session.scheduler().advance(Duration.ofHours(23));
        daily.afterLogin();
        assertTrue(session.requests().isEmpty());
        session.scheduler().advance(Duration.ofHours(2));
        daily.afterLogin();
        assertEquals(1, session.requests().size());
    }

    @Test
    void afterALogoutWipedTheKeysNothingIsCreated() {
        session.scheduler().advance(Duration.ofDays(31));
        session.memoryKeys().clear(); // the login's prekey check failed because the device was logged out meanwhile
        assertTrue(rotator.afterLogin().isDone());
        assertTrue(session.requests().isEmpty());
        assertTrue(Credentials.load(session.keys()).isEmpty(), "no new credentials after a logout");
        assertTrue(store.ids().isEmpty());
    }

    @Test
    void idsWrapWithinThreeBytesAndSkipZero() {
        assertEquals(2, SignedPreKeyRotator.nextId(1));
        assertEquals(0xFFFFFF, SignedPreKeyRotator.nextId(0xFFFFFE));
        assertEquals(1, SignedPreKeyRotator.nextId(0xFFFFFF));
    }
}
