package dev.wabridge.transport.web.messages;

import dev.wabridge.sandbox.SandboxPhone;
import dev.wabridge.testkit.Eventually;
import dev.wabridge.transport.SendAck;
import dev.wabridge.transport.TransportEvent;
import dev.wabridge.transport.TransportSession;
import dev.wabridge.transport.web.support.SandboxSessions;
import dev.wabridge.wire.signal.store.SignalStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two linked numbers on our client exchange end-to-end encrypted texts through the sandbox:
 * usync, bundle fetch, X3DH, pkmsg then msg, the server's ack, the recipient's decrypt,
 * delivery receipts moving back, and a reply the other way.
 */
class MessagingThroughSandboxTest {
    private SandboxSessions alice;
    private SandboxSessions bob;
    private TransportSession aliceSession;
    private TransportSession bobSession;

    @BeforeEach
    void link() throws Exception {
        alice = SandboxSessions.start();
        bob = alice.peer();
        aliceSession = alice.open(Map.of());
        alice.pair(aliceSession, "+34600000021");
        bobSession = bob.open(Map.of());
        bob.pair(bobSession, "+34600000022");
    }

    @AfterEach
    void close() {
        bob.close();
        alice.close();
    }

    @Test
    void thePhoneSharesItsAppStateKeyWithANewlyLinkedDevice() {
        Eventually.until("the app-state key arrived", () -> new SignalStores(alice.keys()).appStateKeys().latest().isPresent());
    }

    @Test
    void aNewCompanionAcknowledgesTheHistoryNoticeAndLearnsThePhonesLids() throws Exception {
        String contact = "+34699000004";
        SandboxPhone phone = alice.sandbox().phone("+34600000021");
        alice.sandbox().phone(contact).register().send("+34600000021", "hola");
        Eventually.until("the phone has the chat", () -> phone.messages().stream().anyMatch(m -> contact.equals(m.get("peer"))));
        int acknowledged = phone.historySyncReceipts();
        SandboxSessions second = alice.peer();
        try {
            second.pair(second.open(Map.of()), "+34600000021");
            String lid = alice.sandbox().lidOf(contact);
            Eventually.until("the phone's phone-number -> LID pairs were learned",
                    () -> new SignalStores(second.keys()).lids().lidFor(contact.substring(1)).filter(lid::equals).isPresent());
            Eventually.until("the history notice got a hist_sync receipt", () -> phone.historySyncReceipts() > acknowledged);
        } finally {
            second.close();
        }
    }

    @Test
    void aTextGoesBothWaysWithReceipts() throws Exception {
        String id = aliceSession.newMessageId();
        assertTrue(id.matches("3EB0[0-9A-F]{18}"), id);
        SendAck ack = aliceSession.sendText(id, "+34600000022", "hola Bob").get(10, TimeUnit.SECONDS);
        assertEquals(id, ack.messageId());
        assertNotNull(ack.serverTimestamp());

        TransportEvent.IncomingMessage got = bob.next(TransportEvent.IncomingMessage.class);
        assertEquals("hola Bob", got.text());
        assertEquals("+34600000021", got.fromPhone());
        assertEquals(id, got.messageId());
        TransportEvent.Receipt delivered = alice.next(TransportEvent.Receipt.class);
        assertEquals(id, delivered.messageId());
        assertEquals(TransportEvent.ReceiptType.DELIVERED, delivered.type());

        for (int i = 0; i < 3; i++) { // several in a row: the second and later are msg, not pkmsg
            String reply = bobSession.newMessageId();
            bobSession.sendText(reply, "+34600000021", "respuesta " + i).get(10, TimeUnit.SECONDS);
            assertEquals("respuesta " + i, alice.next(TransportEvent.IncomingMessage.class).text());
        }
        String again = aliceSession.newMessageId();
        aliceSession.sendText(again, "+34600000022", "otra vez").get(10, TimeUnit.SECONDS);
        assertEquals("otra vez", bob.next(TransportEvent.IncomingMessage.class).text());
    }

    @Test
    void aSimulatedPhoneDecryptsReadsAndAnswers() throws Exception {
        SandboxPhone contact = alice.sandbox().phone("+34699000001").register();
        contact.autoReply(true);
        String id = aliceSession.newMessageId();
        aliceSession.sendText(id, "+34699000001", "hello phone").get(10, TimeUnit.SECONDS);
        assertEquals(TransportEvent.ReceiptType.DELIVERED, alice.next(TransportEvent.Receipt.class).type());
        assertEquals(TransportEvent.ReceiptType.READ, alice.next(TransportEvent.Receipt.class).type());
        TransportEvent.IncomingMessage reply = alice.next(TransportEvent.IncomingMessage.class);
        assertEquals("+34699000001", reply.fromPhone());
        assertEquals("Thanks, I got: hello phone", reply.text());
        Map<String, Object> received = contact.messages().get(0);
        assertEquals("hello phone", received.get("text"), "the phone decrypted exactly the text");
        assertEquals(id, received.get("id"));
    }

    @Test
    void aMessageForAnOfflinePhoneArrivesWhenItComesBack() throws Exception {
        SandboxPhone contact = alice.sandbox().phone("+34699000002").register();
        contact.setOnline(false);
        String id = aliceSession.newMessageId();
        aliceSession.sendText(id, "+34699000002", "are you there?").get(10, TimeUnit.SECONDS);
        Thread.sleep(300);
        assertTrue(contact.messages().isEmpty(), "nothing while offline");
        contact.setOnline(true);
        Eventually.until("the queued message reaches the phone", () -> contact.messages().size() == 1);
        assertEquals("are you there?", contact.messages().get(0).get("text"));
        assertEquals(id, alice.next(TransportEvent.Receipt.class).messageId());
    }

    @Test
    void aTextTypedOnOurOwnPhoneIsReportedAsOurs() throws Exception {
        alice.sandbox().phone("+34699000003").register();
        String id = alice.sandbox().phone("+34600000021").send("+34699000003", "typed on the phone");
        TransportEvent.OwnMessageSent own = alice.next(TransportEvent.OwnMessageSent.class);
        assertEquals(id, own.messageId());
        assertEquals("+34699000003", own.toPhone());
        assertEquals("typed on the phone", own.text());
    }

    @Test
    void aContactWritingFromItsLidIsReportedUnderItsPhoneNumber() throws Exception {
        SandboxPhone contact = alice.sandbox().phone("+34699000004").register();
        contact.send("+34600000021", "from my number");
        assertEquals("+34699000004", alice.next(TransportEvent.IncomingMessage.class).fromPhone());
        contact.sendAsLid("+34600000021", "from my LID");
        TransportEvent.IncomingMessage viaLid = alice.next(TransportEvent.IncomingMessage.class);
        assertEquals("from my LID", viaLid.text());
        assertEquals("+34699000004", viaLid.fromPhone(), "one person, one conversation: the LID maps to the number");
        assertTrue(new SignalStores(alice.keys()).lids().phoneFor(alice.sandbox().lidOf("+34699000004")).isPresent());
    }
}
