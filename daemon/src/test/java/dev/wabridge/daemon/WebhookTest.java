package dev.wabridge.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.wabridge.daemon.scripted.ScriptedNetwork;
import dev.wabridge.daemon.webhooks.WebhookSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.wabridge.testkit.Eventually.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An incoming message reaches the configured webhook as a signed POST: queued with the
 * message's own transaction, retried with backoff when the receiver fails, delivered once it
 * answers 2xx; the signature is HMAC-SHA256 of the exact body under the shared secret.
 */
class WebhookTest {
    static final String SECRET = "a-webhook-secret-of-some-length";

    @TempDir
    Path dir;

    record Received(String body, String signature, String delivery) {
    }

    @Test
    void anIncomingMessageIsPostedSignedAndRetriedUntilAccepted() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(body, exchange.getRequestHeaders().getFirst(WebhookSigner.HEADER),
                    exchange.getRequestHeaders().getFirst("X-Wabridge-Delivery")));
            exchange.sendResponseHeaders(calls.incrementAndGet() == 1 ? 500 : 204, -1); // the first attempt fails
            exchange.close();
        });
        receiver.start();
        ScriptedNetwork.reset();
        try (DaemonFixture fx = DaemonFixture.start(dir.resolve("data"), "transport", "scripted",
                "webhook.url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", "webhook.secret", SECRET);
             McpTestClient mcp = new McpTestClient(fx.baseUrl(), fx.token)) {
            McpTestClient.Result r = mcp.ok("connect_whatsapp", "label", "Main");
            long id = r.get("session_id").asLong();
            ScriptedNetwork.scan(r.get("qr").asText(), "+34611111113");
            until("connected", () -> "connected".equals(Db.one(fx.database(), "SELECT status FROM sessions").get("status")));

            ScriptedNetwork.incoming(id, "+34600000077", "Where is my order?");
            until("delivered after a retry", () -> Db.count(fx.database(), "SELECT count(*) FROM webhook_queue WHERE delivered_at IS NOT NULL") == 1);
            assertEquals(2, received.size(), "one failed attempt, then the accepted one");
            Received last = received.get(1);
            assertEquals(received.get(0).body(), last.body(), "the retry sends the same body");
            assertEquals(WebhookSigner.sign(SECRET.getBytes(StandardCharsets.UTF_8), last.body()), last.signature());
            JsonNode event = new ObjectMapper().readTree(last.body());
            assertEquals("message.incoming", event.get("event").asText());
            assertEquals("+34600000077", event.get("phone").asText());
            assertEquals("Where is my order?", event.get("text").asText());
            assertEquals(id, event.get("session_id").asLong());
            Map<String, Object> row = Db.one(fx.database(), "SELECT attempts, last_error FROM webhook_queue");
            assertEquals(2, ((Number) row.get("attempts")).intValue());
            assertTrue(row.get("last_error") == null, "cleared on delivery");
        } finally {
            receiver.stop(0);
        }
    }
}
