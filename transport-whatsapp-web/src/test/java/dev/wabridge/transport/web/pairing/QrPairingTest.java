package dev.wabridge.transport.web.pairing;

import dev.wabridge.transport.TransportEvent;
import dev.wabridge.transport.TransportEvent.DisconnectReason;
import dev.wabridge.transport.web.device.Credentials;
import dev.wabridge.transport.web.services.FakeSessionServices;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.pairing.QrCode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.wabridge.transport.web.services.FakeSessionServices.START;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pins the QR half of linking without a socket: the server's {@code <pair-device>} is answered
 * with a result of the same id, each ref becomes a QR code carrying this device's keys, the
 * codes rotate on the manual clock (the first shown {@code firstQr}, each next {@code nextQr}),
 * and when all expire the session stops with QR_TIMEOUT and no retry. A second pair-device
 * replaces the first batch and its timer: two timers would show codes twice as fast and stop
 * the session early.
 */
class QrPairingTest {
    private static final Duration FIRST = Duration.ofSeconds(60);
    private static final Duration NEXT = Duration.ofSeconds(20);
    private static final Duration TICK = Duration.ofMillis(1);

    private final FakeSessionServices session = new FakeSessionServices();
    private final QrPairing qr = new QrPairing(session, FIRST, NEXT);

    static Node pairDevice(String id, String... refs) {
        List<Node> refNodes = new ArrayList<>();
        for (String r : refs) {
            refNodes.add(Node.of("ref", Map.of(), r.getBytes(StandardCharsets.UTF_8)));
        }
        return Node.of("iq", Node.attrs("from", Jid.SERVER, "type", "set", "id", id, "xmlns", "md"),
                List.of(Node.of("pair-device", Map.of(), refNodes)));
    }

    private List<TransportEvent.QrCode> codes() {
        return session.events(TransportEvent.QrCode.class);
    }

    private List<String> shownRefs() {
        return codes().stream().map(c -> QrCode.parse(c.qr()).ref()).toList();
    }

    @Test
    void pairDeviceIsAnsweredWithAResultOfTheSameId() {
        qr.onPairDevice(pairDevice("pd-1", "ref-a"));
        assertEquals(List.of(Node.of("iq", Node.attrs("to", Jid.SERVER, "type", "result", "id", "pd-1"))), session.sent());
    }

    @Test
    void theFirstCodeCarriesTheRefAndThisDevicesKeysAndIsShownForTheFirstPeriod() {
        qr.onPairDevice(pairDevice("pd-1", "2@first", "2@second"));
        assertEquals(1, codes().size());
        TransportEvent.QrCode event = codes().get(0);
        QrCode parsed = QrCode.parse(event.qr());
        Credentials creds = session.credentials();
        assertEquals("2@first", parsed.ref());
        assertArrayEquals(creds.noiseKey().publicKey(), parsed.noisePublicKey());
        assertArrayEquals(creds.identityKey().publicKey(), parsed.identityPublicKey());
        assertArrayEquals(creds.advSecret(), parsed.advSecret());
        assertEquals(QrCode.PLATFORM_OTHER_WEB, parsed.platform());
        assertEquals(START.plus(FIRST), event.expiresAt());
    }

    @Test
    void codesRotateToTheNextRefWhenTheirTimeIsUp() {
        qr.onPairDevice(pairDevice("pd-1", "r1", "r2", "r3"));
        session.scheduler().advance(FIRST.minus(TICK));
        assertEquals(List.of("r1"), shownRefs(), "the first code is shown for the whole first period");
        session.scheduler().advance(TICK);
        assertEquals(List.of("r1", "r2"), shownRefs());
        assertEquals(START.plus(FIRST).plus(NEXT), codes().get(1).expiresAt());
        session.scheduler().advance(NEXT.minus(TICK));
        assertEquals(2, codes().size(), "each next code is shown for the next period");
        session.scheduler().advance(TICK);
        assertEquals(List.of("r1", "r2", "r3"), shownRefs());
        assertEquals(0, session.fakeConnection().stopCalls());
    }

    @Test
    void whenEveryRefHasExpiredTheSessionStopsWithQrTimeoutAndNoRetry() {
        qr.onPairDevice(pairDevice("pd-1", "r1", "r2"));
        session.scheduler().advance(FIRST.plus(NEXT).minus(TICK));
        assertEquals(0, session.fakeConnection().stopCalls());
        session.scheduler().advance(TICK);
        assertEquals(1, session.fakeConnection().stopCalls());
        List<TransportEvent.Disconnected> gone = session.events(TransportEvent.Disconnected.class);
        assertEquals(1, gone.size());
        assertEquals(DisconnectReason.QR_TIMEOUT, gone.get(0).reason());
        assertFalse(gone.get(0).willRetry());
        assertEquals(0, session.scheduler().pendingCount(), "nothing left to rotate");
        session.scheduler().advance(Duration.ofHours(1));
        assertEquals(1, session.events(TransportEvent.Disconnected.class).size());
    }

    @Test
    void aSecondPairDeviceReplacesTheFirstCodesAndTimer() {
        qr.onPairDevice(pairDevice("pd-1", "a1", "a2"));
        session.scheduler().advance(Duration.ofSeconds(30));
        qr.onPairDevice(pairDevice("pd-2", "b1", "b2"));
        assertEquals(List.of("a1", "b1"), shownRefs());
        assertEquals("pd-2", session.sent().get(1).attr("id"));
        assertEquals(START.plus(Duration.ofSeconds(30)).plus(FIRST), codes().get(1).expiresAt());

        session.scheduler().advance(Duration.ofSeconds(30)); // when the first batch's timer would have fired
        assertEquals(List.of("a1", "b1"), shownRefs(), "no double rotation, and a2 is never shown");
        assertEquals(1, session.scheduler().pendingCount());

        session.scheduler().advance(Duration.ofSeconds(30));
        assertEquals(List.of("a1", "b1", "b2"), shownRefs());
        session.scheduler().advance(NEXT);
        assertEquals(1, session.fakeConnection().stopCalls());
        assertEquals(1, session.events(TransportEvent.Disconnected.class).size());
    }

    @Test
    void stopCancelsTheRotationAndTheTimeout() {
        qr.onPairDevice(pairDevice("pd-1", "r1", "r2"));
        qr.stop();
        assertEquals(0, session.scheduler().pendingCount());
        session.scheduler().advance(Duration.ofHours(1));
        assertEquals(List.of("r1"), shownRefs());
        assertEquals(0, session.fakeConnection().stopCalls());
        assertTrue(session.events(TransportEvent.Disconnected.class).isEmpty());
    }

    @Test
    void stopWithoutCodesDoesNothing() {
        qr.stop();
        assertTrue(session.events().isEmpty());
        assertTrue(session.sent().isEmpty());
    }
}
