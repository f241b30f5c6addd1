package dev.wabridge.transport.web.diagnostics;

import dev.wabridge.testkit.Eventually;
import dev.wabridge.transport.TransportEvent;
import dev.wabridge.transport.TransportSession;
import dev.wabridge.transport.web.support.SandboxSessions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stanza the client cannot decode or handle never drops the connection (issue 10, item 3):
 * the sandbox pushes undecodable bytes, a stanza with a tag no handler knows, and a 10 MiB
 * frame; the session stays logged in on the same socket (no new login), each stanza that has
 * an id is acked exactly once, and all three are in the bounded quarantine.
 */
class PoisonStanzaTest {
    @Test
    void poisonStanzasAreQuarantinedAckedOnceAndTheSessionStays() throws Exception {
        try (SandboxSessions s = SandboxSessions.start()) {
            TransportSession session = s.open(Map.of());
            String jid = s.pair(session, "+34600000101");
            int logins = s.sandbox().loginAttempts(jid);

            s.sandbox().poison(jid, "undecodable", 0);
            String unknown = s.sandbox().poison(jid, "unknown-tag", 0);
            String big = s.sandbox().poison(jid, "big-frame", 10 << 20);

            Eventually.until("the unknown tag and the big frame are acked",
                    () -> s.sandbox().acksFrom(jid, unknown) == 1 && s.sandbox().acksFrom(jid, big) == 1);
            Eventually.until("the three are quarantined", () -> Quarantine.read(s.keys()).size() >= 3);
            Thread.sleep(500); // time for a wrong second ack or a reconnect to show
            assertEquals(1, s.sandbox().acksFrom(jid, unknown), "acked once");
            assertEquals(1, s.sandbox().acksFrom(jid, big), "acked once");
            assertTrue(session.isConnected());
            assertEquals(logins, s.sandbox().loginAttempts(jid), "the socket never dropped");
            assertTrue(s.events().stream().noneMatch(e -> e instanceof TransportEvent.Disconnected), s.events().toString());

            List<Quarantine.Entry> quarantined = Quarantine.read(s.keys());
            assertEquals(3, quarantined.size(), quarantined.toString());
            assertTrue(quarantined.get(0).reason().startsWith("undecodable"), quarantined.get(0).reason());
            assertTrue(quarantined.get(1).reason().contains("wabridge-unknown"), quarantined.get(1).reason());
            Quarantine.Entry huge = quarantined.get(2);
            assertTrue(huge.originalSize() > 10 << 20, "its size is kept: " + huge.originalSize());
            assertEquals(Quarantine.MAX_BYTES, huge.bytes().length, "but only the first bytes are");
        }
    }
}
