package dev.wabridge.daemon;

import dev.wabridge.daemon.scripted.ScriptedNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.wabridge.testkit.Eventually.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A send the server never acknowledges is resent once with the same message id (the server
 * may have it; the recipient dedupes by id), then fails with the reason and its credits are
 * refunded: never a silent loop, never a second charge.
 */
class AckTimeoutTest {
    @TempDir
    Path dir;

    @Test
    void noAckTwiceMeansFailedWithTheReasonAndARefund() throws Exception {
        ScriptedNetwork.reset();
        // Virtual time: the pacing and backoff waits pass at once; the ack wait itself is real (5 s, the shortest allowed).
        VirtualTime time = new VirtualTime(Instant.now());
        try (DaemonFixture fx = DaemonFixture.start(dir.resolve("data"), time, "transport", "scripted", "send.ack_timeout_seconds", "5");
             McpTestClient mcp = new McpTestClient(fx.baseUrl(), fx.token)) {
            McpTestClient.Result r = mcp.ok("connect_whatsapp", "label", "Main");
            long id = r.get("session_id").asLong();
            ScriptedNetwork.scan(r.get("qr").asText(), "+34611111112");
            until("connected", () -> "connected".equals(Db.one(fx.database(), "SELECT status FROM sessions").get("status")));
            ScriptedNetwork.session(id).withholdAcks = true;

            McpTestClient.Result sent = mcp.ok("send_whatsapp_message", "phone", "+34600000009", "message", "hello?", "wait_seconds", 0);
            long outboxId = sent.get("outbox_id").asLong();
            until("failed", Duration.ofSeconds(30), () -> "failed".equals(Db.one(fx.database(), "SELECT status FROM outbox WHERE id = ?", outboxId).get("status")));
            Map<String, Object> row = Db.one(fx.database(), "SELECT last_error AS error, attempts, message_id FROM outbox WHERE id = ?", outboxId);
            assertTrue(String.valueOf(row.get("error")).contains("no server ack"), String.valueOf(row.get("error")));
            assertTrue(String.valueOf(row.get("error")).contains("refunded"));
            List<ScriptedNetwork.Delivery> attempts = ScriptedNetwork.attempts();
            assertEquals(2, attempts.size(), "one send and one resend");
            assertTrue(attempts.stream().allMatch(a -> a.messageId().equals(row.get("message_id"))), "the resend keeps the id");
            assertEquals(List.of("reserve", "release"), Db.rows(fx.database(), "SELECT kind FROM credit_ledger WHERE outbox_id = ? ORDER BY id",
                    outboxId).stream().map(m -> m.get("kind")).toList());
        }
    }
}
