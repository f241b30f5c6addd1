package dev.wabridge.transport.web.messages;

import dev.wabridge.transport.SendAck;
import dev.wabridge.transport.TransportEvent;
import dev.wabridge.transport.TransportSession;
import dev.wabridge.transport.web.support.SandboxSessions;
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
}
