package dev.wabridge.daemon.store.sqlite;

import dev.wabridge.daemon.store.SendLimits;
import dev.wabridge.daemon.store.SessionRepository;
import dev.wabridge.daemon.store.SessionRow;
import dev.wabridge.daemon.store.SessionStatus;
import dev.wabridge.daemon.store.Store;
import dev.wabridge.daemon.store.Times;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each named transition of a session changes exactly what its name promises. */
class SqliteSessionRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-25T10:05:00.250Z");

    @TempDir
    Path dir;
    Store store;
    SessionRepository sessions;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("s.db"));
        sessions = store.sessions();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private SessionRow row(long id) {
        return sessions.find(id).orElseThrow();
    }

    @Test
    void aNewSessionIsPairingWithoutACode() {
        SessionRow s = sessions.create("Sales", T0);
        assertEquals("Sales", s.label());
        assertEquals(SessionStatus.QR_PENDING, s.status());
        assertTrue(s.autoConnect());
        assertNull(s.qr());
        assertNull(s.phone());
        assertEquals(Times.sql(T0), s.createdAt());
        assertEquals(s, row(s.id()));
        assertEquals(Optional.of(SessionStatus.QR_PENDING), store.database().inTransaction(tx -> sessions.status(tx, s.id())));
    }

    @Test
    void aQrCodeThenTheConnectionThenALostConnection() {
        long id = sessions.create("Sales", T0).id();
        sessions.markUnreachable(id, "no transport");
        sessions.markQrPending(id, "2@ref,key", T1);
        SessionRow pairing = row(id);
        assertEquals(SessionStatus.QR_PENDING, pairing.status());
        assertEquals("2@ref,key", pairing.qr());
        assertEquals(Times.sql(T1), pairing.qrExpiresAt());
        assertNull(pairing.statusReason(), "a new code clears the old reason");

        sessions.markConnected(id, "+34611111111", "Shop", T1);
        SessionRow connected = row(id);
        assertEquals(SessionStatus.CONNECTED, connected.status());
        assertEquals("+34611111111", connected.phone());
        assertEquals("Shop", connected.pushName());
        assertNull(connected.qr());
        assertNull(connected.qrExpiresAt());
        assertEquals(Times.sql(T1), connected.lastSeenAt());

        sessions.markConnected(id, "+34611111111", null, T1);
        assertEquals("Shop", row(id).pushName(), "a login without a push name keeps the known one");

        sessions.markDisconnected(id, "connection lost; reconnecting", T1.plusSeconds(1));
        SessionRow lost = row(id);
        assertEquals(SessionStatus.DISCONNECTED, lost.status());
        assertEquals("connection lost; reconnecting", lost.statusReason());
        assertEquals("+34611111111", lost.phone(), "the phone stays known");
    }

    @Test
    void aLoggedOutSessionStaysLoggedOutWhenItsConnectionCloses() {
        long id = sessions.create("Sales", T0).id();
        sessions.markQrPending(id, "code", T1);
        sessions.markLoggedOut(id, "logged out: 401");
        SessionRow out = row(id);
        assertEquals(SessionStatus.LOGGED_OUT, out.status());
        assertFalse(out.autoConnect(), "not reconnected on start");
        assertNull(out.qr());
        assertNull(out.qrExpiresAt());

        sessions.markDisconnected(id, "connection closed", T1);
        assertEquals(SessionStatus.LOGGED_OUT, row(id).status());
        assertEquals("connection closed", row(id).statusReason());

        sessions.enableAutoConnect(id);
        sessions.restartPairing(id);
        SessionRow again = row(id);
        assertEquals(SessionStatus.QR_PENDING, again.status());
        assertTrue(again.autoConnect());
        assertNull(again.statusReason(), "reconnect_whatsapp clears the old reason");
    }

    @Test
    void stoppedDropsTheQrCodeButUnreachableLeavesIt() {
        long id = sessions.create("Sales", T0).id();
        sessions.markQrPending(id, "code", T1);
        sessions.markUnreachable(id, "no transport named 'x'");
        assertEquals(SessionStatus.DISCONNECTED, row(id).status());
        assertEquals("code", row(id).qr());

        sessions.markStopped(id, "disconnected on request");
        SessionRow stopped = row(id);
        assertEquals(SessionStatus.DISCONNECTED, stopped.status());
        assertEquals("disconnected on request", stopped.statusReason());
        assertNull(stopped.qr());
        assertNull(stopped.qrExpiresAt());

        sessions.disableAutoConnect(id);
        assertFalse(row(id).autoConnect());
        assertEquals("disconnected on request", row(id).statusReason(), "turning auto-connect off keeps the reason");
    }

    @Test
    void labelProfileCacheLastSeenAndDeletion() {
        long id = sessions.create("Sales", T0).id();
        long other = sessions.create("Support", T0).id();
        sessions.rename(id, "Billing");
        sessions.cacheProfile(id, "My Shop", "Open 9-18", "Since 1990", true);
        sessions.touch(id, T1);
        SessionRow s = row(id);
        assertEquals("Billing", s.label());
        assertEquals("My Shop", s.profileName());
        assertEquals("Open 9-18", s.profileAbout());
        assertEquals("Since 1990", s.profileDescription());
        assertTrue(s.profileHasPicture());
        assertEquals(Times.sql(T1), s.lastSeenAt());
        sessions.cacheProfile(id, null, null, null, false);
        assertFalse(row(id).profileHasPicture());
        assertEquals("Support", row(other).label(), "only the named session changes");

        assertTrue(sessions.delete(id));
        assertFalse(sessions.delete(id));
        assertTrue(sessions.find(id).isEmpty());
        assertEquals(Optional.empty(), store.database().inTransaction(tx -> sessions.status(tx, id)));
        assertEquals(1, sessions.all().size());
    }

    @Test
    void sendLimitsAreKeptPerSessionAndListedOnlyWhenThereAreAny() {
        long a = sessions.create("A", T0).id();
        long b = sessions.create("B", T0).id();
        assertEquals(SendLimits.NONE, sessions.sendLimits(a));
        assertTrue(sessions.allSendLimits().isEmpty());

        SendLimits limits = new SendLimits(T1, 2, "error 463", T0);
        sessions.saveSendLimits(a, limits);
        assertEquals(limits, sessions.sendLimits(a), "what a restarted daemon reads back");
        assertEquals(SendLimits.NONE, sessions.sendLimits(b));
        assertEquals(Map.of(a, limits), sessions.allSendLimits());

        sessions.saveSendLimits(a, SendLimits.NONE);
        assertTrue(sessions.allSendLimits().isEmpty());
        assertEquals(SendLimits.NONE, sessions.sendLimits(999), "an unknown session has none");
    }
}
