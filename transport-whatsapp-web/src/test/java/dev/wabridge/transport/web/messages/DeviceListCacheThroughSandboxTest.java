package dev.wabridge.transport.web.messages;

import dev.wabridge.sandbox.SandboxServer;
import dev.wabridge.testkit.Eventually;
import dev.wabridge.transport.TransportEvent;
import dev.wabridge.transport.TransportSession;
import dev.wabridge.transport.web.support.SandboxSessions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The device-list cache end to end through the sandbox: a second send to the same contact asks
 * no usync (which also shows our {@code phash} equals the server's: a different one would drop
 * the list); a companion the contact links after our first send hears the next one, learned
 * from the {@code devices} notification without a usync; and when that notification is lost,
 * the server's {@code phash} in the ack drops the stale list, so the send after it reaches
 * the new device. Our own account's new companion comes with {@code account_sync}.
 */
class DeviceListCacheThroughSandboxTest {
    private static final String BOB = "+34600000042";

    private SandboxSessions alice;
    private SandboxSessions bob;
    private SandboxSessions bobsSecond;
    private TransportSession aliceSession;
    private String aliceDevice;

    @BeforeEach
    void link() throws Exception {
        alice = SandboxSessions.start();
        bob = alice.peer();
        aliceSession = alice.open(Map.of());
        aliceDevice = alice.pair(aliceSession, "+34600000041");
        bob.pair(bob.open(Map.of()), BOB);
    }

    @AfterEach
    void close() {
        if (bobsSecond != null) {
            bobsSecond.close();
        }
        bob.close();
        alice.close();
    }

    private SandboxServer sandbox() {
        return alice.sandbox();
    }

    private void send(String text) throws Exception {
        aliceSession.sendText(aliceSession.newMessageId(), BOB, text).get(10, TimeUnit.SECONDS);
    }

    private void linkBobsSecondCompanion() throws Exception {
        bobsSecond = alice.peer();
        bobsSecond.pair(bobsSecond.open(Map.of()), BOB);
    }

    @Test
    void aSecondSendToTheSameContactAsksNoUsync() throws Exception {
        send("uno");
        assertEquals("uno", bob.next(TransportEvent.IncomingMessage.class).text());
        int asked = sandbox().usyncQueries(aliceDevice);
        assertEquals(1, asked, "one usync for the contact and our own account together");
        send("dos");
        assertEquals("dos", bob.next(TransportEvent.IncomingMessage.class).text());
        assertEquals(asked, sandbox().usyncQueries(aliceDevice), "both lists came from the cache");
    }

    @Test
    void aContactsNewlyLinkedDeviceGetsTheNextSend() throws Exception {
        send("antes");
        assertEquals("antes", bob.next(TransportEvent.IncomingMessage.class).text());
        int asked = sandbox().usyncQueries(aliceDevice);
        linkBobsSecondCompanion();
        Eventually.until("alice took the devices notification", () -> sandbox().unacked(aliceDevice) == 0);

        send("después");
        assertEquals("después", bobsSecond.next(TransportEvent.IncomingMessage.class).text(), "the new device decrypted it");
        assertEquals("después", bob.next(TransportEvent.IncomingMessage.class).text());
        assertEquals(asked, sandbox().usyncQueries(aliceDevice), "the notification's hash matched: the list was updated, not fetched");
    }

    @Test
    void ourOwnNewlyLinkedCompanionIsLearnedFromAccountSyncAndGetsTheDeviceSentCopy() throws Exception {
        send("primero");
        assertEquals("primero", bob.next(TransportEvent.IncomingMessage.class).text());
        int asked = sandbox().usyncQueries(aliceDevice);
        SandboxSessions alicesSecond = alice.peer();
        try {
            alicesSecond.pair(alicesSecond.open(Map.of()), "+34600000041");
            Eventually.until("alice took the account_sync notification", () -> sandbox().unacked(aliceDevice) == 0);

            send("segundo");
            assertEquals("segundo", alicesSecond.next(TransportEvent.OwnMessageSent.class).text(),
                    "our new companion got the device-sent copy");
            assertEquals(asked, sandbox().usyncQueries(aliceDevice), "our own list came whole with account_sync, not from usync");
        } finally {
            alicesSecond.close();
        }
    }

    @Test
    void aLostNotificationIsCaughtByThePhashInTheServersAck() throws Exception {
        send("uno");
        int asked = sandbox().usyncQueries(aliceDevice);
        sandbox().muteDeviceNotifications(true);
        linkBobsSecondCompanion();

        send("dos"); // from the stale cache; the server's ack names another phash and the list is dropped
        assertEquals(asked, sandbox().usyncQueries(aliceDevice));
        send("tres");
        assertEquals(asked + 1, sandbox().usyncQueries(aliceDevice), "the dropped lists were fetched again");
        assertEquals("tres", bobsSecond.next(TransportEvent.IncomingMessage.class).text(), "the stale send missed it, this one did not");
    }
}
