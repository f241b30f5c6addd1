package dev.wabridge.daemon;

import dev.wabridge.daemon.scripted.ScriptedNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.wabridge.testkit.Eventually.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a restart does with work left in the store: in-flight sends, missed schedules. */
class RestartPoliciesTest {
    @TempDir
    Path dir;

    private long linkAndStop(Path data) throws Exception {
        try (DaemonFixture fx = DaemonFixture.start(data, "transport", "scripted");
             McpTestClient mcp = new McpTestClient(fx.baseUrl(), fx.token)) {
            McpTestClient.Result r = mcp.ok("connect_whatsapp", "label", "Main");
            long id = r.get("session_id").asLong();
            ScriptedNetwork.scan(r.get("qr").asText(), "+34611111111");
            until("connected", () -> "connected".equals(Db.one(fx.database(), "SELECT status FROM sessions").get("status")));
            return id;
        }
    }

    private static void exec(Path db, String sql) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.createStatement().executeUpdate(sql);
        }
    }

    @Test
    @SuppressWarnings("try") // the daemon only has to run while the block runs
    void aSendInFlightAtTheCrashIsResentWithTheSameIdOnce() throws Exception {
        ScriptedNetwork.reset();
        Path data = dir.resolve("data");
        long id = linkAndStop(data);
        Path db = data.resolve("wabridge.db");
        // The state a crash leaves after "sending" was stored but before the ack: the server may
        // already have it (journal), the daemon does not know.
        exec(db, "INSERT INTO outbox(id, session_id, phone, text, message_id, status, credits_reserved, attempts, created_at) "
                + "VALUES (77, " + id + ", '+34600000001', 'in flight', '3EB0INFLIGHT', 'sending', 500, 1, '" + Instant.now() + "')");
        exec(db, "INSERT INTO messages(session_id, direction, phone, text, message_id, status, outbox_id, created_at) "
                + "VALUES (" + id + ", 'outgoing', '+34600000001', 'in flight', '3EB0INFLIGHT', 'sending', 77, '" + Instant.now() + "')");
        exec(db, "INSERT INTO credit_ledger(kind, amount, outbox_id, created_at) VALUES ('reserve', -500, 77, '" + Instant.now() + "')");
        ScriptedNetwork.reset();
        try (DaemonFixture fx = DaemonFixture.start(data, "transport", "scripted")) {
            until("resent", () -> "sent".equals(Db.one(db, "SELECT status FROM outbox WHERE id = 77").get("status")));
            List<ScriptedNetwork.Delivery> attempts = ScriptedNetwork.attempts();
            assertEquals(1, attempts.size());
            assertEquals("3EB0INFLIGHT", attempts.get(0).messageId(), "the id chosen before the crash");
            assertEquals(2, Db.one(db, "SELECT attempts FROM outbox WHERE id = 77").get("attempts"));
            assertEquals(List.of("reserve", "charge"), Db.rows(db, "SELECT kind FROM credit_ledger WHERE outbox_id = 77 ORDER BY id")
                    .stream().map(r -> r.get("kind")).toList(), "charged once");
        }
    }

    @Test
    @SuppressWarnings("try") // the daemon only has to run while the block runs
    void missedScheduledMessagesAreSentWithinGraceElseFailedWithTheReason() throws Exception {
        ScriptedNetwork.reset();
        Path data = dir.resolve("data");
        long id = linkAndStop(data);
        Path db = data.resolve("wabridge.db");
        Instant now = Instant.now();
        exec(db, "INSERT INTO scheduled_messages(id, session_id, phone, text, scheduled_at, status, created_at) VALUES "
                + "(1, " + id + ", '+34600000001', 'ten minutes late', '" + now.minus(Duration.ofMinutes(10)) + "', 'pending', '" + now + "'), "
                + "(2, " + id + ", '+34600000002', 'two hours late', '" + now.minus(Duration.ofHours(2)) + "', 'pending', '" + now + "')");
        try (DaemonFixture fx = DaemonFixture.start(data, "transport", "scripted", "scheduler.missed_grace_minutes", "60")) {
            until("late one sent", () -> "sent".equals(Db.one(db, "SELECT status FROM scheduled_messages WHERE id = 1").get("status")));
            var missed = Db.one(db, "SELECT status, error FROM scheduled_messages WHERE id = 2");
            assertEquals("failed", missed.get("status"));
            assertTrue(((String) missed.get("error")).contains("missed"), (String) missed.get("error"));
            assertTrue(ScriptedNetwork.delivered().stream().noneMatch(d -> d.text().equals("two hours late")));
        }
    }

    @Test
    void incomingMessagesReachMcpClientsAsNotifications() throws Exception {
        ScriptedNetwork.reset();
        Path data = dir.resolve("data");
        try (DaemonFixture fx = DaemonFixture.start(data, "transport", "scripted")) {
            List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            var transport = io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport.builder(fx.baseUrl())
                    .addHttpRequestCustomizer((b, m, u, body, ctx) -> b.header("Authorization", "Bearer " + fx.token)).build();
            try (var client = io.modelcontextprotocol.client.McpClient.sync(transport)
                    .loggingConsumer(n -> seen.add(n.data())).build();
                 McpTestClient mcp = new McpTestClient(fx.baseUrl(), fx.token)) {
                client.initialize();
                McpTestClient.Result r = mcp.ok("connect_whatsapp", "label", "Main");
                long id = r.get("session_id").asLong();
                ScriptedNetwork.scan(r.get("qr").asText(), "+34611111111");
                until("connected", () -> "connected".equals(Db.one(fx.database(), "SELECT status FROM sessions").get("status")));
                until("stream open", () -> {
                    ScriptedNetwork.incoming(id, "+34600000003", "Is my order ready?");
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return seen.stream().anyMatch(s -> s.contains("Is my order ready?"));
                });
                assertTrue(seen.get(0).contains("\"from\":\"+34600000003\""), seen.toString());
            }
        }
    }
}
