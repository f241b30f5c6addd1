package dev.wabridge.transport.web.version;

import com.sun.net.httpserver.HttpServer;
import dev.wabridge.transport.TransportEvent.DisconnectReason;
import dev.wabridge.transport.TransportEvent;
import dev.wabridge.transport.TransportSession;
import dev.wabridge.transport.web.support.SandboxSessions;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The WhatsApp Web version is not frozen in the build (issue 10, item 1): the sandbox refuses
 * a stale version with {@code <failure reason="405">}; the client fetches the current one from
 * the sandbox's stand-in of the start page, keeps it in the shared store and connects. With
 * the fetch failing, the session stops as client_outdated and makes no further attempt.
 */
class VersionUpdateTest {
    private static final String NEWER = "2.3000.2000000000";

    private static String standIn(SandboxSessions s) {
        return "http://127.0.0.1:" + s.sandbox().port() + "/sandbox/web-client";
    }

    /** The session's disconnections until the one that says client_outdated. */
    private static TransportEvent.Disconnected clientOutdated(SandboxSessions s) throws Exception {
        TransportEvent.Disconnected d;
        do {
            d = s.next(TransportEvent.Disconnected.class);
        } while (d.reason() != DisconnectReason.CLIENT_OUTDATED);
        return d;
    }

    @Test
    void aRefusedVersionIsUpdatedFromTheStartPageAndTheSessionConnects() throws Exception {
        try (SandboxSessions s = SandboxSessions.start()) {
            TransportSession session = s.open(Map.of("version_url", standIn(s)));
            String jid = s.pair(session, "+34600000401");
            assertEquals(WaVersion.COMPILED.toString(), "2.3000.1045649367");
            int before = s.sandbox().loginAttempts(jid);
            s.sandbox().requireVersion(NEWER);
            s.sandbox().drop(jid);
            s.next(TransportEvent.Connected.class);
            assertEquals(before + 2, s.sandbox().loginAttempts(jid), "refused once, then in with the fetched version");
            assertEquals(NEWER, new String(s.keys().shared().get(VersionKeeper.NAMESPACE, "current").orElseThrow(), StandardCharsets.US_ASCII),
                    "the last good version is kept for every session and restart");
        }
    }

    @Test
    void withTheFetchFailingTheSessionIsClientOutdatedAndStops() throws Exception {
        try (SandboxSessions s = SandboxSessions.start()) {
            TransportSession session = s.open(Map.of("version_url", "http://127.0.0.1:1/", "version_timeout_ms", "1000"));
            String jid = s.pair(session, "+34600000402");
            int before = s.sandbox().loginAttempts(jid);
            s.sandbox().requireVersion(NEWER);
            s.sandbox().drop(jid);
            TransportEvent.Disconnected d = clientOutdated(s);
            assertFalse(d.willRetry());
            assertTrue(d.detail().contains("2.3000.1045649367") && d.detail().contains("405"), d.detail());
            Thread.sleep(3000);
            assertEquals(before + 1, s.sandbox().loginAttempts(jid), "never a reconnect loop");
            assertFalse(session.isConnected());
        }
    }

    @Test
    void aFetchedVersionThatIsRefusedTooStopsAfterOneRetry() throws Exception {
        // A start page that lags behind what the server requires (a stale CDN copy, say): at
        // pairing it offers the compiled revision, later a newer one that is still too old.
        AtomicLong revision = new AtomicLong(1045649367);
        HttpServer page = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        page.createContext("/", exchange -> {
            byte[] body = ("{\"client_revision\":" + revision.get() + ",\"server_revision\":1}").getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        page.start();
        try (SandboxSessions s = SandboxSessions.start()) {
            TransportSession session = s.open(Map.of("version_url", "http://127.0.0.1:" + page.getAddress().getPort() + "/"));
            String jid = s.pair(session, "+34600000404");
            int before = s.sandbox().loginAttempts(jid);
            revision.set(1500000000);
            s.sandbox().requireVersion(NEWER);
            s.sandbox().drop(jid);
            TransportEvent.Disconnected d = clientOutdated(s);
            assertFalse(d.willRetry());
            assertTrue(d.detail().contains("2.3000.1500000000") && d.detail().contains("refused too"),
                    "names the version that was refused too: " + d.detail());
            Thread.sleep(3000);
            assertEquals(before + 2, s.sandbox().loginAttempts(jid), "the old version, the fetched one, then nothing more");
            assertFalse(session.isConnected());
        } finally {
            page.stop(0);
        }
    }

    @Test
    void theConfiguredVersionIsAnnounced() throws Exception {
        try (SandboxSessions s = SandboxSessions.start()) {
            s.sandbox().requireVersion(NEWER);
            TransportSession session = s.open(Map.of("wa_version", NEWER));
            String jid = s.pair(session, "+34600000403"); // pairing, too, needs an accepted version
            assertEquals(1, s.sandbox().loginAttempts(jid));
        }
    }

    @Test
    void theStartPageRevisionIsReadAsWhatsmeowReadsIt() {
        assertEquals(new WaVersion(2, 3000, 1046000000),
                VersionFetcher.parse("<script>x={\"dynamic_data\":1,\"client_revision\":1046000000,\"server_revision\":9}</script>"));
        assertThrows(IllegalStateException.class, () -> VersionFetcher.parse("<html>no revision</html>"));
        assertTrue(WaVersion.parse("2.3000.1046000000").compareTo(WaVersion.COMPILED) > 0);
        assertThrows(IllegalArgumentException.class, () -> WaVersion.parse("2.3000"));
    }
}
