package dev.wabridge.transport.web.login;

import dev.wabridge.testkit.Eventually;
import dev.wabridge.transport.TransportEvent;
import dev.wabridge.transport.TransportEvent.DisconnectReason;
import dev.wabridge.transport.TransportSession;
import dev.wabridge.transport.web.device.Credentials;
import dev.wabridge.transport.web.support.SandboxSessions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One test per row of the failure and stream-error table in docs/protocol.md, driven through
 * the sandbox's fault API: a paired session loses its socket, its next login gets the
 * {@code <failure>} (or the live socket gets the {@code <stream:error>}), and the session
 * must end in the documented state (reconnected, stopped with a reason, logged out with keys
 * wiped, or banned until T), with the sandbox counting its logins.
 */
class FailurePolicyTest {
    /** Longer than the first two reconnect delays (1 s and 2 s, ±25 %): a retry would show by then. */
    private static final long QUIET_MS = 3000;

    private SandboxSessions s;
    private TransportSession session;
    private String jid;

    @BeforeEach
    void pair() throws Exception {
        s = SandboxSessions.start();
        session = s.open(Map.of());
        jid = s.pair(session, "+34600000201");
    }

    @AfterEach
    void close() {
        s.close();
    }

    private TransportEvent.Disconnected next(DisconnectReason reason) throws InterruptedException {
        while (true) {
            TransportEvent.Disconnected d = s.next(TransportEvent.Disconnected.class);
            if (d.reason() == reason) {
                return d;
            }
        }
    }

    /** The next login is answered with {@code <failure attrs>}: the socket drops and the client comes back. */
    private int failNextLogin(Map<String, String> attrs) {
        int before = s.sandbox().loginAttempts(jid);
        s.sandbox().failLogins(attrs, 1);
        assertTrue(s.sandbox().drop(jid));
        return before;
    }

    private void assertStaysOffline(int logins) throws InterruptedException {
        Thread.sleep(QUIET_MS);
        assertEquals(logins, s.sandbox().loginAttempts(jid), "no further attempts");
        assertFalse(session.isConnected());
    }

    @ParameterizedTest
    @ValueSource(strings = {"400", "409", "415", "418", "501"})
    void refusedLoginsStopWithTheReason(String reason) throws Exception {
        int before = failNextLogin(Map.of("reason", reason));
        TransportEvent.Disconnected d = next(DisconnectReason.LOGIN_REFUSED);
        assertFalse(d.willRetry());
        assertTrue(d.detail().contains(reason), d.detail());
        assertStaysOffline(before + 1);
        assertTrue(Credentials.load(s.keys()).isPresent(), "the keys are kept");
    }

    @Test
    void failure403LogsOutAndWipesTheKeys() throws Exception {
        int before = failNextLogin(Map.of("reason", "403", "logout_message_header", "Banned"));
        assertTrue(s.next(TransportEvent.LoggedOut.class).reason().contains("403"));
        assertStaysOffline(before + 1);
        assertTrue(Credentials.load(s.keys()).isEmpty(), "keys wiped");
    }

    @Test
    void failure402PausesUntilTheBanExpiresThenLogsIn() throws Exception {
        int before = failNextLogin(Map.of("reason", "402", "code", "101", "expire", "3"));
        TransportEvent.Disconnected d = next(DisconnectReason.TEMPORARILY_BANNED);
        assertTrue(d.detail().contains("code 101") && d.detail().contains("until"), d.detail());
        assertTrue(d.willRetry());
        Thread.sleep(2000);
        assertEquals(before + 1, s.sandbox().loginAttempts(jid), "no login during the ban");
        s.next(TransportEvent.Connected.class);
        assertEquals(before + 2, s.sandbox().loginAttempts(jid));
    }

    @ParameterizedTest
    @ValueSource(strings = {"500", "503"})
    void serverTroubleAtLoginIsRetriedWithBackoff(String reason) throws Exception {
        int before = failNextLogin(Map.of("reason", reason));
        assertTrue(next(DisconnectReason.SERVICE_UNAVAILABLE).willRetry());
        s.next(TransportEvent.Connected.class);
        assertEquals(before + 2, s.sandbox().loginAttempts(jid));
    }

    @ParameterizedTest
    @ValueSource(strings = {"401", "500", "503"})
    void streamErrorsReconnectAndKeepTheKeys(String code) throws Exception {
        int before = s.sandbox().loginAttempts(jid);
        assertTrue(s.sandbox().streamError(jid, code, null));
        assertTrue(s.next(TransportEvent.Disconnected.class).willRetry());
        s.next(TransportEvent.Connected.class);
        assertEquals(before + 1, s.sandbox().loginAttempts(jid));
        assertTrue(Credentials.load(s.keys()).isPresent(), "a plain 401 stream error does not wipe the keys");
        assertTrue(s.events().stream().noneMatch(e -> e instanceof TransportEvent.LoggedOut));
    }

    @ParameterizedTest
    @ValueSource(strings = {"440", "replaced"})
    void anotherClientTakingTheSessionIsNotFought(String how) throws Exception {
        int before = s.sandbox().loginAttempts(jid);
        assertTrue("440".equals(how) ? s.sandbox().streamError(jid, "440", null) : s.sandbox().streamError(jid, null, "replaced"));
        assertFalse(next(DisconnectReason.REPLACED).willRetry());
        assertStaysOffline(before);
        assertTrue(Credentials.load(s.keys()).isPresent());
    }

    @Test
    void deviceRemovedLogsOutAndWipesTheKeys() throws Exception {
        int before = s.sandbox().loginAttempts(jid);
        assertTrue(s.sandbox().streamError(jid, "401", "device_removed"));
        s.next(TransportEvent.LoggedOut.class);
        assertStaysOffline(before);
        Eventually.until("keys wiped", () -> Credentials.load(s.keys()).isEmpty());
    }
}
