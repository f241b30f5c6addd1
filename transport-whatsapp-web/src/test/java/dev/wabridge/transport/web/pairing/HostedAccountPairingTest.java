package dev.wabridge.transport.web.pairing;

import dev.wabridge.transport.TransportEvent;
import dev.wabridge.transport.TransportSession;
import dev.wabridge.transport.web.support.SandboxSessions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A hosted account (WhatsApp Business hosted by Meta) pairs by QR: its pair-success container
 * is HMAC'd and its account signature made over the 0x06 0x05 prefix (whatsmeow pair.go), and
 * the client accepts both; the device then logs in as any other.
 */
class HostedAccountPairingTest {
    @Test
    void aHostedAccountPairsByQr() throws Exception {
        try (SandboxSessions s = SandboxSessions.start()) {
            s.sandbox().phone("+34600000601").hosted();
            TransportSession session = s.open(Map.of());
            String jid = s.pair(session, "+34600000601");
            assertEquals(List.of(jid), s.sandbox().linkedDevices("+34600000601"));
            session.disconnect();
            s.next(TransportEvent.Disconnected.class);
            session.connect();
            s.next(TransportEvent.Connected.class);
        }
    }
}
