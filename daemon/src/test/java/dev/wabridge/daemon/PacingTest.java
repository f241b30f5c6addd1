package dev.wabridge.daemon;

import dev.wabridge.daemon.scripted.ScriptedNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.wabridge.testkit.Eventually.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One message per 3 s per session, measured from the transport's timestamps on a virtual
 * clock (no 15 s sleep), while two sessions send independently.
 */
class PacingTest {
    @TempDir
    Path dir;

    @Test
    void fiveQueuedMessagesLeaveAtLeastThreeSecondsApartAndSessionsAreIndependent() throws Exception {
        ScriptedNetwork.reset();
        VirtualTime time = new VirtualTime(Instant.parse("2026-11-25T10:00:00Z"));
        try (DaemonFixture fx = DaemonFixture.start(dir, time, "transport", "scripted", "transport.ack_delay_ms", "0");
             McpTestClient mcp = new McpTestClient(fx.baseUrl(), fx.token)) {
            long a = link(mcp, fx, "A", "+34611111111");
            long b = link(mcp, fx, "B", "+34622222222");
            for (int i = 0; i < 5; i++) {
                for (long session : List.of(a, b)) {
                    McpTestClient.Result r = mcp.ok("send_whatsapp_message", "session_id", session, "phone", "+3460000000" + i,
                            "message", "m" + i, "wait_seconds", 0);
                    assertTrue(List.of("queued", "sent").contains(r.get("status").asText()));
                }
            }
            until("10 sends", () -> ScriptedNetwork.delivered().size() == 10);

            for (long session : List.of(a, b)) {
                List<Instant> times = ScriptedNetwork.delivered().stream().filter(d -> d.sessionId() == session)
                        .map(ScriptedNetwork.Delivery::at).toList();
                assertEquals(5, times.size());
                for (int i = 1; i < times.size(); i++) {
                    Duration gap = Duration.between(times.get(i - 1), times.get(i));
                    assertTrue(gap.compareTo(Duration.ofSeconds(3)) >= 0, "session " + session + " gap " + gap + " in " + times);
                }
                List<String> order = ScriptedNetwork.delivered().stream().filter(d -> d.sessionId() == session)
                        .map(ScriptedNetwork.Delivery::text).toList();
                assertEquals(List.of("m0", "m1", "m2", "m3", "m4"), order, "FIFO per session");
            }
            List<Instant> all = ScriptedNetwork.delivered().stream().map(ScriptedNetwork.Delivery::at).sorted().toList();
            Duration span = Duration.between(all.get(0), all.get(all.size() - 1));
            // One shared queue would need 9 gaps of 3 s (27 s) for 10 messages; independent sessions ~12-15 s.
            assertTrue(span.compareTo(Duration.ofSeconds(27)) < 0, "sessions paced independently, span " + span);
            // The server records a delivery before it acks, and the ack is stored after that: wait for the rows.
            until("10 sends stored as sent", () -> Db.count(fx.database(), "SELECT count(*) FROM outbox WHERE status = 'sent'") == 10);
        }
    }

    private static long link(McpTestClient mcp, DaemonFixture fx, String label, String phone) throws Exception {
        McpTestClient.Result r = mcp.ok("connect_whatsapp", "label", label);
        long id = r.get("session_id").asLong();
        assertTrue(ScriptedNetwork.scan(r.get("qr").asText(), phone));
        until("connected", () -> "connected".equals(
                Db.one(fx.database(), "SELECT status FROM sessions WHERE id = ?", id).get("status")));
        return id;
    }
}
