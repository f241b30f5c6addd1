package dev.wabridge.transport.web.client;

import dev.wabridge.sandbox.SandboxConnection;
import dev.wabridge.sandbox.SandboxServer;
import dev.wabridge.testkit.Eventually;
import dev.wabridge.testkit.MemoryKeyStore;
import dev.wabridge.transport.TransportEvent;
import dev.wabridge.transport.TransportSession;
import dev.wabridge.transport.web.support.SandboxSessions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real whatsapp-web transport against the sandbox over loopback WebSocket: Noise with the
 * sandbox's certificate root, QR pairing with a simulated phone, login from stored keys,
 * reconnect after a dropped socket or a 515, and a forced logout.
 */
class PairingAndLoginTest {
    private SandboxSessions fixture;
    private SandboxServer sandbox;
    private MemoryKeyStore keys;
    private BlockingQueue<TransportEvent> events;
    private TransportSession session;

    @BeforeEach
    void start() throws Exception {
        fixture = SandboxSessions.start();
        sandbox = fixture.sandbox();
        keys = fixture.keys();
        events = fixture.events();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private TransportSession open(String rootKey) {
        return fixture.open(Map.of("root_key", rootKey));
    }

    private <T extends TransportEvent> T next(Class<T> type) throws InterruptedException {
        return fixture.next(type);
    }

    private String pair(String phone) throws InterruptedException {
        session = fixture.open(Map.of());
        return fixture.pair(session, phone);
    }

    @Test
    void qrPairingThenLoginFromStoredKeysWithoutQr() throws Exception {
        String jid = pair("+34600000001");
        assertEquals("34600000001:1@s.whatsapp.net", jid);
        // The 515 after pairing must lead to exactly one new connection, not a second one later.
        Thread.sleep(2000);
        assertTrue(events.stream().noneMatch(e -> e instanceof TransportEvent.Connected || e instanceof TransportEvent.Disconnected),
                "no further connections after the login: " + events);
        assertEquals(1, sandbox.onlineDevices("+34600000001").size());
        assertTrue(session.isConnected());
        assertEquals(List.of(jid), sandbox.linkedDevices("+34600000001"));
        assertTrue(keys.get("creds", "account").isPresent(), "the account-signed identity is stored");
        assertTrue(session.lastInbound().isPresent(), "the session knows when the server last spoke (health's deaf check)");
        Eventually.until("812 prekeys reach the server after the first login (the phone may have used one)", () -> sandbox.preKeyCount(jid) >= 811);

        session.disconnect();
        next(TransportEvent.Disconnected.class);
        events.clear();
        session = open(sandbox.rootPublicKeyHex()); // a new process, same stored keys
        session.connect();
        TransportEvent first = events.poll(10, TimeUnit.SECONDS);
        assertInstanceOf(TransportEvent.Connected.class, first, "logs in, no QR: " + first);
    }

    @Test
    void droppedSocketAndRestartRequestReconnectByThemselves() throws Exception {
        String jid = pair("+34600000002");
        assertTrue(sandbox.drop(jid));
        TransportEvent.Disconnected lost = next(TransportEvent.Disconnected.class);
        assertEquals(TransportEvent.DisconnectReason.CONNECTION_LOST, lost.reason());
        assertTrue(lost.willRetry());
        next(TransportEvent.Connected.class);

        assertTrue(sandbox.forceRestart(jid));
        assertEquals(TransportEvent.DisconnectReason.RESTART_REQUIRED, next(TransportEvent.Disconnected.class).reason());
        next(TransportEvent.Connected.class);
    }

    @Test
    void forcedLogoutWipesKeysAndSaysWhy() throws Exception {
        String jid = pair("+34600000003");
        assertTrue(sandbox.forceLogout(jid));
        TransportEvent.LoggedOut out = next(TransportEvent.LoggedOut.class);
        assertTrue(out.reason().contains("device removed"), out.reason());
        assertTrue(keys.isEmpty(), "keys wiped");
        assertFalse(session.isConnected());
        assertEquals(List.of(), sandbox.linkedDevices("+34600000003"));
    }

    @Test
    void aServerWithAnotherRootIsRefused() throws Exception {
        session = open("142375574d0a587166aae71ebe516437c4a28b73e3695c6ce1f7f9545da8ee6b"); // WhatsApp's real root
        session.connect();
        assertTrue(events.poll(3, TimeUnit.SECONDS) == null, "no QR from an untrusted server");
        assertTrue(sandbox.pendingQrRefs() == 0);
    }

    @Test
    void qrCodesRotateThroughTheRefsThenPairingStops() throws Exception {
        session = fixture.open(Map.of("qr_first_ms", "300", "qr_next_ms", "100"));
        session.connect();
        java.util.Set<String> codes = new java.util.LinkedHashSet<>();
        for (int i = 0; i < SandboxConnection.REFS; i++) {
            codes.add(next(TransportEvent.QrCode.class).qr());
        }
        assertEquals(SandboxConnection.REFS, codes.size(), "one code per ref, each different");
        TransportEvent.Disconnected timeout = next(TransportEvent.Disconnected.class);
        assertEquals(TransportEvent.DisconnectReason.QR_TIMEOUT, timeout.reason());
        assertFalse(timeout.willRetry());
        String last = codes.stream().reduce((a, b) -> b).orElseThrow();
        Eventually.until("the closed socket reaches the sandbox and its refs expire", () -> sandbox.pendingQrRefs() == 0);
        assertThrows(IllegalArgumentException.class, () -> sandbox.phone("+34600000005").scan(last), "expired refs cannot be scanned");
    }

    @Test
    void keepAlivesUnansweredForTheMaximumTimeMakeTheClientReconnect() throws Exception {
        session = fixture.open(Map.of("keepalive_min_ms", "200", "keepalive_deadline_ms", "300", "keepalive_max_fail_ms", "1000"));
        session.connect();
        String jid = sandbox.phone("+34600000006").scan(next(TransportEvent.QrCode.class).qr());
        next(TransportEvent.Connected.class);
        sandbox.delayFrames(3000); // pings now go unanswered past the deadline, for longer than the maximum
        TransportEvent.Disconnected lost = next(TransportEvent.Disconnected.class);
        assertEquals(TransportEvent.DisconnectReason.CONNECTION_LOST, lost.reason());
        sandbox.delayFrames(0);
        next(TransportEvent.Connected.class);
        assertEquals(List.of(jid), sandbox.linkedDevices("+34600000006"));
    }

    @Test
    void disconnectWhileConnectingDoesNotLogIn() throws Exception {
        String jid = pair("+34600000007");
        session.disconnect();
        next(TransportEvent.Disconnected.class);
        events.clear();
        session.connect();
        session.disconnect();
        Thread.sleep(1500);
        assertTrue(events.stream().noneMatch(e -> e instanceof TransportEvent.Connected), events.toString());
        assertFalse(session.isConnected());
        assertEquals(List.of(), sandbox.onlineDevices("+34600000007"), jid + " stays offline");
    }

    @Test
    void scanningAnUnknownQrIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> sandbox.phone("+34600000004").scan("not a qr"));
    }
}
