package dev.wabridge.transport.web.prekeys;

import dev.wabridge.sandbox.SandboxPhone;
import dev.wabridge.testkit.Eventually;
import dev.wabridge.transport.TransportEvent;
import dev.wabridge.transport.TransportSession;
import dev.wabridge.transport.web.support.SandboxSessions;
import dev.wabridge.wire.signal.store.SignalStores;
import dev.wabridge.wire.signal.store.SignedPreKeyStore;
import dev.wabridge.wire.signal.store.SignedPreKeyStore.SignedPreKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A signed-prekey rotation end to end through the sandbox: a login with a month-old signed
 * prekey rotates it on the server; a contact fetching a bundle afterwards gets the new key and
 * its first message is decrypted, and so is the first message of a contact that fetched our
 * bundle before the rotation. The key's age is set back in the store (the sandbox's
 * certificates are valid for 30 days, so the clock cannot simply jump a month).
 */
class SignedPreKeyRotationThroughSandboxTest {
    private static final String OURS = "+34600000031";
    private final SandboxSessions alice;

    SignedPreKeyRotationThroughSandboxTest() throws InterruptedException {
        alice = SandboxSessions.start();
    }

    @AfterEach
    void close() {
        alice.close();
    }

    @Test
    void contactsReachUsWithTheNewKeyAndWithTheOneTheyFetchedBefore() throws Exception {
        TransportSession session = alice.open(Map.of());
        String jid = alice.pair(session, OURS);
        SignedPreKeyStore ours = new SignalStores(alice.keys()).signedPreKeys();
        assertEquals(1, alice.sandbox().signedPreKeyId(jid), "a young key is not rotated at login");

        SandboxPhone early = alice.sandbox().phone("+34699000011").register();
        early.startSessions(OURS); // fetched our bundle (signed prekey 1), has not written yet

        session.disconnect();
        alice.next(TransportEvent.Disconnected.class);
        SignedPreKey first = ours.current().orElseThrow();
        ours.storeCurrent(new SignedPreKey(first.id(), first.keyPair(), first.signature(),
                first.createdAt().minus(SignedPreKeyRotator.ROTATE_AFTER).minus(Duration.ofDays(1))));

        session = alice.open(Map.of()); // the same keys, a month later
        session.connect();
        alice.next(TransportEvent.Connected.class);
        Eventually.until("the server has the new signed prekey and we made it current",
                () -> alice.sandbox().signedPreKeyId(jid) == 2 && ours.current().orElseThrow().id() == 2);

        SandboxPhone late = alice.sandbox().phone("+34699000012").register();
        late.send(OURS, "with the new key");
        TransportEvent.IncomingMessage fromLate = alice.next(TransportEvent.IncomingMessage.class);
        assertEquals("with the new key", fromLate.text());
        assertEquals("+34699000012", fromLate.fromPhone());

        early.send(OURS, "with the key I fetched last month");
        TransportEvent.IncomingMessage fromEarly = alice.next(TransportEvent.IncomingMessage.class);
        assertEquals("with the key I fetched last month", fromEarly.text());
        assertEquals("+34699000011", fromEarly.fromPhone());
        assertTrue(ours.load(1).isPresent(), "the previous key is kept");
    }
}
