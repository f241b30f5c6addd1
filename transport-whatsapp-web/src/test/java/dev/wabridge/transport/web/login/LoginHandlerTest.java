package dev.wabridge.transport.web.login;

import dev.wabridge.transport.TransportEvent;
import dev.wabridge.transport.TransportEvent.DisconnectReason;
import dev.wabridge.transport.web.services.FakeSessionServices;
import dev.wabridge.wire.binary.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pins what the server's answer to our login does (whatsmeow connectionevents.go
 * handleConnectSuccess / handleConnectFailure): {@code <success>} logs in and announces us
 * active, unless the session was stopped meanwhile; {@code <failure>} 401/403/406 is a logout,
 * 405 (client version refused) stops without retrying, anything else reconnects. Getting these
 * wrong either wipes valid keys or hammers the server with logins it will always refuse.
 */
class LoginHandlerTest {
    private final FakeSessionServices session = new FakeSessionServices();
    private final LoginHandler login = new LoginHandler(session);

    private static Node failure(String reason) {
        return reason == null ? Node.of("failure") : Node.of("failure", Node.attrs("reason", reason));
    }

    @Test
    void successWhileWantedAnnouncesUsActiveAndLogsIn() {
        login.onSuccess(Node.of("success", Node.attrs("t", "1767225600", "pushname", "Ana", "lid", "1@lid")));
        assertEquals(1, session.requests().size());
        FakeSessionServices.Request passive = session.requests().get(0);
        assertEquals("set", passive.type());
        assertEquals("passive", passive.xmlns());
        assertEquals(List.of(Node.of("active")), passive.children());
        assertEquals(List.of("Ana"), session.loggedInCalls());
        assertEquals(0, session.fakeConnection().closeSocketCalls());
    }

    @Test
    void successWithoutPushNameLogsInWithNone() {
        login.onSuccess(Node.of("success"));
        assertEquals(Arrays.asList((String) null), session.loggedInCalls());
    }

    @Test
    void anUnansweredPassiveRequestDoesNotUndoTheLogin() {
        login.onSuccess(Node.of("success", Node.attrs("pushname", "Ana")));
        session.requests().get(0).answer().completeExceptionally(new RuntimeException("timeout"));
        assertEquals(0, session.fakeConnection().closeSocketCalls());
        assertTrue(session.loggedOutReasons().isEmpty());
    }

    @Test
    void successWhileNotWantedClosesTheSocketWithoutLoggingIn() {
        session.fakeConnection().setWanted(false);
        login.onSuccess(Node.of("success", Node.attrs("pushname", "Ana")));
        assertEquals(1, session.fakeConnection().closeSocketCalls());
        assertTrue(session.loggedInCalls().isEmpty());
        assertTrue(session.requests().isEmpty());
        assertTrue(session.events().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"401", "403", "406"})
    void failureWithVoidCredentialsLogsOut(String reason) {
        login.onFailure(failure(reason));
        assertEquals(1, session.loggedOutReasons().size());
        assertTrue(session.loggedOutReasons().get(0).contains(reason), session.loggedOutReasons().get(0));
        assertTrue(session.loggedInCalls().isEmpty());
        assertEquals(0, session.fakeConnection().closeSocketCalls());
    }

    @Test
    void failure405StopsWithoutRetryBecauseThisVersionIsRefused() {
        login.onFailure(failure("405"));
        assertEquals(1, session.fakeConnection().stopCalls());
        assertFalse(session.fakeConnection().wanted());
        assertEquals(1, session.events().size());
        TransportEvent.Disconnected d = (TransportEvent.Disconnected) session.events().get(0);
        assertEquals(DisconnectReason.CLIENT_OUTDATED, d.reason());
        assertFalse(d.willRetry());
        assertTrue(session.loggedOutReasons().isEmpty(), "the keys are still good");
    }

    @ParameterizedTest
    @ValueSource(strings = {"500", "503"})
    void serverTroubleReconnectsWithBackoff(String reason) {
        login.onFailure(failure(reason));
        assertDisconnectedWithRetry();
    }

    @ParameterizedTest
    @ValueSource(strings = {"400", "409", "415", "418", "501", "999", ""})
    void everyOtherFailureStopsWithItsReason(String reason) {
        login.onFailure(failure(reason));
        assertEquals(1, session.fakeConnection().stopCalls());
        TransportEvent.Disconnected d = (TransportEvent.Disconnected) session.events().get(0);
        assertEquals(DisconnectReason.LOGIN_REFUSED, d.reason());
        assertFalse(d.willRetry());
        assertTrue(d.detail().contains("failure " + reason), d.detail());
        assertTrue(session.loggedOutReasons().isEmpty(), "the keys are still good");
    }

    @Test
    void aFailureWithoutReasonStops() {
        login.onFailure(failure(null));
        assertEquals(1, session.fakeConnection().stopCalls());
        assertEquals(0, session.fakeConnection().closeSocketCalls());
    }

    @Test
    void failure402IsATemporaryBanThatPausesUntilItsExpiry() {
        login.onFailure(Node.of("failure", Node.attrs("reason", "402", "code", "101", "expire", "3600")));
        assertEquals(List.of(Duration.ofHours(1)), session.fakeConnection().pauses());
        TransportEvent.Disconnected d = (TransportEvent.Disconnected) session.events().get(0);
        assertEquals(DisconnectReason.TEMPORARILY_BANNED, d.reason());
        assertTrue(d.willRetry());
        assertTrue(d.detail().contains("code 101") && d.detail().contains("2026-01-01T01:00:00Z"), d.detail());
        assertTrue(session.loggedOutReasons().isEmpty());
    }

    private void assertDisconnectedWithRetry() {
        assertEquals(1, session.events().size());
        TransportEvent.Disconnected d = (TransportEvent.Disconnected) session.events().get(0);
        assertEquals(DisconnectReason.SERVICE_UNAVAILABLE, d.reason());
        assertTrue(d.willRetry());
        assertEquals(1, session.fakeConnection().closeSocketCalls());
        assertEquals(0, session.fakeConnection().stopCalls());
        assertTrue(session.loggedOutReasons().isEmpty());
        assertTrue(session.loggedInCalls().isEmpty());
    }
}
