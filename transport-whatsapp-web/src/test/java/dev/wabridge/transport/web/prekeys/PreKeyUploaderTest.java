package dev.wabridge.transport.web.prekeys;

import dev.wabridge.transport.web.device.Credentials;
import dev.wabridge.transport.web.services.FakeSessionServices;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.routing.Iq;
import dev.wabridge.wire.signal.store.SignalAddress;
import dev.wabridge.wire.signal.store.SignalStores;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pins the prekey policy of whatsmeow prekeys.go: 812 keys on the first upload, 50 on a
 * top-up, only below 5; the upload node's shape (3-byte ids, type 0x05, the signed prekey);
 * keys marked uploaded only after the server's answer; and what an encrypt notification does.
 */
class PreKeyUploaderTest {
    private final FakeSessionServices session = new FakeSessionServices();
    private final PreKeyUploader uploader = new PreKeyUploader(session);
    private final SignalStores stores = new SignalStores(session.keys());

    private void answerCount(int n) {
        FakeSessionServices.Request count = session.requests().get(session.requests().size() - 1);
        assertEquals("encrypt", count.xmlns());
        assertEquals("get", count.type());
        count.answer().complete(Node.of("iq", Node.attrs("type", "result"), List.of(Node.of("count", Node.attrs("value", Integer.toString(n))))));
    }

    private FakeSessionServices.Request lastRequest() {
        return session.requests().get(session.requests().size() - 1);
    }

    @Test
    void theFirstUploadHas812KeysAndTheyAreMarkedOnlyAfterTheAnswer() {
        uploader.afterLogin();
        answerCount(0);
        FakeSessionServices.Request upload = lastRequest();
        assertEquals("set", upload.type());
        Node list = upload.children().stream().filter(n -> n.tag().equals("list")).findFirst().orElseThrow();
        assertEquals(PreKeyUploader.INITIAL_COUNT, list.children().size());
        assertEquals(0, stores.preKeys().uploadedCount(), "not before the server confirmed");
        upload.answer().complete(Node.of("iq", Node.attrs("type", "result")));
        assertEquals(PreKeyUploader.INITIAL_COUNT, stores.preKeys().uploadedCount());
    }

    @Test
    void enoughKeysOnBothSidesMeansNoUpload() {
        stores.preKeys().getOrGenerate(10);
        stores.preKeys().markUploaded(10);
        uploader.afterLogin();
        answerCount(10);
        assertEquals(1, session.requests().size(), "only the count");
    }

    @Test
    void aLowServerCountIsToppedUpWith50() {
        stores.preKeys().getOrGenerate(10);
        stores.preKeys().markUploaded(10);
        uploader.afterLogin();
        answerCount(3);
        Node list = lastRequest().children().stream().filter(n -> n.tag().equals("list")).findFirst().orElseThrow();
        assertEquals(PreKeyUploader.TOP_UP_COUNT, list.children().size());
        assertEquals(11, ByteBuffer.allocate(4).put((byte) 0).put(list.children().get(0).child("id").orElseThrow().bytes()).getInt(0),
                "new ids follow the old ones");
    }

    @Test
    void aFailedUploadIsSentAgainWithTheSameKeys() {
        uploader.afterLogin();
        answerCount(0);
        Node firstList = lastRequest().children().get(3);
        lastRequest().answer().completeExceptionally(new IllegalStateException("socket closed"));
        uploader.afterLogin();
        answerCount(0);
        assertEquals(firstList, lastRequest().children().get(3), "unacknowledged keys are re-sent, no id is skipped");
    }

    @Test
    void theUploadNodeHasWhatsmeowsShape() {
        Credentials c = session.credentials();
        Node upload = Iq.request("1", "set", "encrypt", PreKeyUploader.uploadNode(c, stores.preKeys().getOrGenerate(2)));
        assertEquals(List.of("registration", "type", "identity", "list", "skey"), upload.children().stream().map(Node::tag).toList());
        assertArrayEquals(ByteBuffer.allocate(4).putInt(c.registrationId()).array(), upload.child("registration").orElseThrow().bytes());
        assertArrayEquals(new byte[]{5}, upload.child("type").orElseThrow().bytes());
        assertArrayEquals(c.identityKey().publicKey(), upload.child("identity").orElseThrow().bytes());
        Node key = upload.child("list").orElseThrow().children().get(0);
        assertArrayEquals(new byte[]{0, 0, 1}, key.child("id").orElseThrow().bytes());
        assertEquals(32, key.child("value").orElseThrow().bytes().length);
        Node skey = upload.child("skey").orElseThrow();
        assertArrayEquals(PreKeyUploader.id3(c.signedPreKeyId()), skey.child("id").orElseThrow().bytes());
        assertArrayEquals(c.signedPreKeySignature(), skey.child("signature").orElseThrow().bytes());
    }

    @Test
    void aLowCountNotificationTriggersAnUpload() {
        stores.preKeys().getOrGenerate(10);
        stores.preKeys().markUploaded(10);
        EncryptNotifications notifications = new EncryptNotifications(session, uploader);
        notifications.handle(Node.of("notification", Node.attrs("from", Jid.SERVER, "type", "encrypt", "id", "n1"),
                List.of(Node.of("count", Node.attrs("value", "2")))));
        assertEquals("set", lastRequest().type());
    }

    @Test
    void anIdentityChangeDropsThatUsersSessionsOnly() {
        SignalAddress alice = new SignalAddress("34600000001", Jid.USER_SERVER, 0);
        SignalAddress bob = new SignalAddress("34600000002", Jid.USER_SERVER, 0);
        stores.sessions().store(alice, new byte[]{1});
        stores.identities().save(alice, new byte[]{2});
        stores.sessions().store(bob, new byte[]{3});
        new EncryptNotifications(session, uploader).handle(Node.of("notification",
                Node.attrs("from", Jid.parse("34600000001@s.whatsapp.net"), "type", "encrypt", "id", "n2"), List.of(Node.of("identity"))));
        assertFalse(stores.sessions().contains(alice));
        assertTrue(stores.identities().get(alice).isEmpty());
        assertTrue(stores.sessions().contains(bob));
        assertTrue(session.requests().isEmpty(), "an identity change uploads nothing");
    }
}
