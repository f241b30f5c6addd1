package dev.wabridge.transport.web.login;

import dev.wabridge.transport.TransportEvent;
import dev.wabridge.transport.TransportEvent.DisconnectReason;
import dev.wabridge.transport.web.services.FakeConnectionControl;
import dev.wabridge.transport.web.services.FakeSessionServices;
import dev.wabridge.wire.binary.Node;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pins what each {@code <stream:error>} does (whatsmeow connectionevents.go handleStreamError):
 * 515 restarts at once (the step right after pairing), 401 and conflict device_removed are a
 * logout, conflict replaced stops without fighting the other client, 503 and the rest reconnect
 * with backoff, and {@code <xmlstreamend>} just closes the socket. Each path reports once (the
 * close that follows reports nothing, hence loginEnded) and asks the connection for exactly one
 * thing.
 */
class StreamErrorsTest {
    private final FakeSessionServices session = new FakeSessionServices();
    private final FakeConnectionControl connection = session.fakeConnection();
    private final StreamErrors streamErrors = new StreamErrors(session);

    private static Node streamError(String code) {
        return Node.of("stream:error", Node.attrs("code", code));
    }

    private static Node conflict(String type) {
        return Node.of("stream:error", Map.of(), List.of(Node.of("conflict", Node.attrs("type", type))));
    }

    private TransportEvent.Disconnected onlyDisconnect() {
        assertEquals(1, session.events().size(), session.events().toString());
        return (TransportEvent.Disconnected) session.events().get(0);
    }

    /** connection calls as closeSocket, restartNow, stop. */
    private List<Integer> connectionCalls() {
        return List.of(connection.closeSocketCalls(), connection.restartNowCalls(), connection.stopCalls());
    }

    @Test
    void streamError515RestartsAtOnce() {
        streamErrors.onStreamError(streamError("515"));
        TransportEvent.Disconnected d = onlyDisconnect();
        assertEquals(DisconnectReason.RESTART_REQUIRED, d.reason());
        assertTrue(d.willRetry());
        assertEquals(List.of(0, 1, 0), connectionCalls());
        assertEquals(1, session.loginEndedCalls());
        assertTrue(session.loggedOutReasons().isEmpty());
    }

    @Test
    void aPlainStreamError401ReconnectsAndKeepsTheKeys() {
        streamErrors.onStreamError(streamError("401"));
        assertTrue(session.loggedOutReasons().isEmpty(), "only device_removed wipes the keys");
        assertTrue(onlyDisconnect().willRetry());
        assertEquals(List.of(1, 0, 0), connectionCalls());
    }

    @Test
    void error401WithConflictDeviceRemovedIsALogout() {
        streamErrors.onStreamError(Node.of("stream:error", Node.attrs("code", "401"), List.of(Node.of("conflict", Node.attrs("type", "device_removed")))));
        assertEquals(1, session.loggedOutReasons().size());
        assertTrue(session.events().isEmpty(), "the logout reports itself");
    }

    @Test
    void code440IsReplaced() {
        streamErrors.onStreamError(streamError("440"));
        assertEquals(DisconnectReason.REPLACED, onlyDisconnect().reason());
        assertFalse(connection.wanted());
    }

    @Test
    void conflictReplacedStopsWithoutRetry() {
        streamErrors.onStreamError(conflict("replaced"));
        TransportEvent.Disconnected d = onlyDisconnect();
        assertEquals(DisconnectReason.REPLACED, d.reason());
        assertFalse(d.willRetry());
        assertEquals(List.of(0, 0, 1), connectionCalls());
        assertFalse(connection.wanted());
        assertEquals(1, session.loginEndedCalls());
        assertTrue(session.loggedOutReasons().isEmpty(), "another client has the device; our keys stay");
    }

    @Test
    void streamError503IsServiceUnavailableAndReconnects() {
        streamErrors.onStreamError(streamError("503"));
        TransportEvent.Disconnected d = onlyDisconnect();
        assertEquals(DisconnectReason.SERVICE_UNAVAILABLE, d.reason());
        assertTrue(d.willRetry());
        assertEquals(List.of(1, 0, 0), connectionCalls());
        assertEquals(1, session.loginEndedCalls());
    }

    @Test
    void anyOtherStreamErrorIsAConnectionLossAndReconnects() {
        streamErrors.onStreamError(streamError("500"));
        TransportEvent.Disconnected d = onlyDisconnect();
        assertEquals(DisconnectReason.CONNECTION_LOST, d.reason());
        assertTrue(d.willRetry());
        assertEquals(List.of(1, 0, 0), connectionCalls());
        assertEquals(1, session.loginEndedCalls());
        assertTrue(session.loggedOutReasons().isEmpty());
    }

    @Test
    void aStreamErrorWithoutCodeOrConflictReconnects() {
        streamErrors.onStreamError(Node.of("stream:error"));
        assertEquals(DisconnectReason.CONNECTION_LOST, onlyDisconnect().reason());
        assertEquals(List.of(1, 0, 0), connectionCalls());
    }

    @Test
    void xmlStreamEndClosesTheSocketOnly() {
        streamErrors.onStreamEnd(Node.of("xmlstreamend"));
        assertEquals(List.of(1, 0, 0), connectionCalls());
        assertTrue(session.events().isEmpty());
        assertEquals(0, session.loginEndedCalls());
    }
}
