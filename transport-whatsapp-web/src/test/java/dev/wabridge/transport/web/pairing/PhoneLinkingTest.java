package dev.wabridge.transport.web.pairing;

import dev.wabridge.transport.TransportEvent;
import dev.wabridge.transport.TransportSession;
import dev.wabridge.transport.web.support.SandboxSessions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Linking by phone number (whatsmeow pair-code.go) against the sandbox: the session asks for
 * a code for a number, the phone's owner types it, and the device is linked and logged in as
 * after a QR scan; a wrong code links nothing.
 */
class PhoneLinkingTest {
    @Test
    void aCodeTypedOnThePhoneLinksTheDevice() throws Exception {
        try (SandboxSessions s = SandboxSessions.start()) {
            TransportSession session = s.open(Map.of());
            session.connect();
            s.next(TransportEvent.QrCode.class);
            String code = session.pairingCode("+34600000501").get(10, TimeUnit.SECONDS);
            assertTrue(code.matches("[1-9A-HJ-NP-TV-Z]{4}-[1-9A-HJ-NP-TV-Z]{4}"), code);
            s.sandbox().phone("+34600000501").enterLinkCode(code);
            assertEquals("+34600000501", s.next(TransportEvent.Connected.class).phone());
            assertEquals(1, s.sandbox().linkedDevices("+34600000501").size());
        }
    }

    @Test
    void aWrongCodeLinksNothing() throws Exception {
        try (SandboxSessions s = SandboxSessions.start()) {
            TransportSession session = s.open(Map.of());
            session.connect();
            s.next(TransportEvent.QrCode.class);
            String code = session.pairingCode("+34600000502").get(10, TimeUnit.SECONDS);
            s.sandbox().phone("+34600000502").enterLinkCode(code.equals("1111-1111") ? "2222-2222" : "1111-1111");
            Thread.sleep(1500);
            assertEquals(List.of(), s.sandbox().linkedDevices("+34600000502"));
            assertTrue(s.events().stream().noneMatch(e -> e instanceof TransportEvent.Connected));
        }
    }
}
