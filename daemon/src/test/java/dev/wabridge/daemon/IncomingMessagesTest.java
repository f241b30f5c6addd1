package dev.wabridge.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wabridge.daemon.scripted.ScriptedNetwork;
import dev.wabridge.transport.TransportEvent;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static dev.wabridge.testkit.Eventually.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three ways an incoming WhatsApp message reaches an agent (issue 9), with the scripted
 * transport standing in for a phone: a resource update to a subscribed client in each MCP
 * revision, the since_id cursor of a polling client (every message exactly once), and
 * wait_for_whatsapp_message returning as soon as the message is logged.
 */
class IncomingMessagesTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    DaemonFixture fx;
    McpTestClient mcp;
    long sessionId;

    @BeforeEach
    void linkANumber() throws Exception {
        ScriptedNetwork.reset();
        fx = DaemonFixture.start(dir.resolve("data"), "transport", "scripted");
        mcp = new McpTestClient(fx.baseUrl(), fx.token);
        McpTestClient.Result r = mcp.ok("connect_whatsapp", "label", "Main");
        sessionId = r.get("session_id").asLong();
        ScriptedNetwork.scan(r.get("qr").asText(), "+34611111111");
        until("connected", () -> "connected".equals(Db.one(fx.database(), "SELECT status FROM sessions").get("status")));
    }

    @AfterEach
    void stop() {
        mcp.close();
        fx.close();
    }

    String logUri() {
        return "whatsapp://sessions/" + sessionId + "/messages";
    }

    @Test
    void reachesA2025SessionThatSubscribedToTheMessageLog() throws Exception {
        List<String> updates = new CopyOnWriteArrayList<>();
        var transport = HttpClientStreamableHttpTransport.builder(fx.baseUrl())
                .addHttpRequestCustomizer((b, m, u, body, ctx) -> b.header("Authorization", "Bearer " + fx.token)).build();
        try (var client = McpClient.sync(transport)
                .resourcesUpdateConsumer(contents -> contents.forEach(c -> updates.add(((McpSchema.TextResourceContents) c).text())))
                .build()) {
            McpSchema.InitializeResult init = client.initialize();
            assertTrue(init.capabilities().resources().subscribe(), "resources/subscribe is offered");
            assertTrue(client.listResources().resources().stream().anyMatch(r -> r.uri().equals(logUri())));
            client.subscribeResource(new McpSchema.SubscribeRequest(logUri()));
            until("the update arrives on the session's GET stream", () -> {
                if (updates.isEmpty()) {
                    ScriptedNetwork.incoming(sessionId, "+34600000003", "Is my order ready?");
                    sleep(300);
                }
                return updates.stream().anyMatch(u -> u.contains("Is my order ready?"));
            });
        }
    }

    @Test
    void reachesA2026SubscriptionsListenStream() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String body = """
                {"jsonrpc":"2.0","id":"listen-1","method":"subscriptions/listen","params":{"notifications":{"resourceSubscriptions":["%s"]},
                 "_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}}"""
                .formatted(logUri());
        HttpRequest request = HttpRequest.newBuilder(URI.create(fx.baseUrl() + "/mcp")).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + fx.token).header("MCP-Protocol-Version", "2026-07-28")
                .header("Mcp-Method", "subscriptions/listen").build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            JsonNode ack = nextMessage(reader);
            assertEquals("notifications/subscriptions/acknowledged", ack.get("method").asText());
            assertEquals(logUri(), ack.at("/params/notifications/resourceSubscriptions/0").asText());
            assertEquals("listen-1", ack.at("/params/_meta/io.modelcontextprotocol~1subscriptionId").asText());
            ScriptedNetwork.incoming(sessionId, "+34600000004", "Do you ship to Lisbon?");
            ExecutorService readerThread = Executors.newSingleThreadExecutor();
            JsonNode update = CompletableFuture.supplyAsync(() -> nextMessage(reader), readerThread).get(10, TimeUnit.SECONDS);
            readerThread.shutdown();
            assertEquals("notifications/resources/updated", update.get("method").asText());
            assertEquals(logUri(), update.at("/params/uri").asText());
            assertEquals("listen-1", update.at("/params/_meta/io.modelcontextprotocol~1subscriptionId").asText());
        }
        McpTestClient.Result logged = mcp.ok("get_whatsapp_message_logs", "direction", "incoming");
        assertEquals("Do you ship to Lisbon?", logged.get("messages").get(0).get("text").asText());
    }

    @Test
    void statusChangesReachASubscribedClient() throws Exception {
        String statusUri = "whatsapp://sessions/" + sessionId + "/status";
        String conversationUri = "whatsapp://sessions/" + sessionId + "/conversations/+34600000007";
        List<String> updates = new CopyOnWriteArrayList<>();
        var transport = HttpClientStreamableHttpTransport.builder(fx.baseUrl())
                .addHttpRequestCustomizer((b, m, u, body, ctx) -> b.header("Authorization", "Bearer " + fx.token)).build();
        try (var client = McpClient.sync(transport)
                .resourcesUpdateConsumer(contents -> contents.forEach(c -> updates.add(c.uri() + " "
                        + ((McpSchema.TextResourceContents) c).text())))
                .build()) {
            client.initialize();
            assertTrue(client.listResources().resources().stream().anyMatch(r -> r.uri().equals(statusUri)));
            JsonNode now = JSON.readTree(((McpSchema.TextResourceContents) client.readResource(new McpSchema.ReadResourceRequest(statusUri))
                    .contents().get(0)).text());
            assertEquals("connected", now.get("status").asText(), now.toString());
            assertTrue(now.get("transport_connected").asBoolean());
            client.subscribeResource(new McpSchema.SubscribeRequest(statusUri));
            client.subscribeResource(new McpSchema.SubscribeRequest(conversationUri));

            // an outgoing message: sent, then delivered and read by receipts, each an update of its conversation
            String id = mcp.ok("send_whatsapp_message", "phone", "+34600000007", "message", "Your table is ready").get("message_id").asText();
            until("sent is announced", () -> updates.stream().anyMatch(u -> u.startsWith(conversationUri) && u.contains("\"sent\"")));
            ScriptedNetwork.session(sessionId).receipt(id, "+34600000007", TransportEvent.ReceiptType.READ);
            until("read is announced", () -> updates.stream().anyMatch(u -> u.startsWith(conversationUri) && u.contains("\"read\"")));

            // the link: disconnect_whatsapp is announced on the status resource
            mcp.ok("disconnect_whatsapp", "session_id", sessionId);
            until("the disconnection is announced", () -> updates.stream()
                    .anyMatch(u -> u.startsWith(statusUri) && u.contains("\"disconnected\"")));
        }
    }

    @Test
    void aPollingClientGetsEveryIncomingMessageExactlyOnce() {
        long cursor = mcp.ok("get_whatsapp_message_logs", "since_id", 0, "direction", "incoming").get("next_since_id").asLong();
        List<String> seen = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            for (int i = 0; i < 3; i++) {
                ScriptedNetwork.incoming(sessionId, "+3460000001" + i, "round " + round + " message " + i);
            }
            int expected = (round + 1) * 3;
            long[] next = {cursor};
            until("round " + round + " polled", () -> {
                McpTestClient.Result page = mcp.ok("get_whatsapp_message_logs", "since_id", next[0], "direction", "incoming", "limit", 2);
                page.get("messages").forEach(m -> seen.add(m.get("text").asText()));
                next[0] = page.get("next_since_id").asLong();
                return seen.size() >= expected;
            });
            cursor = next[0];
            assertEquals(expected, seen.size(), "no message twice: " + seen);
        }
        assertEquals(12, new HashSet<>(seen).size());
        assertEquals(0, mcp.ok("get_whatsapp_message_logs", "since_id", cursor).get("count").asInt(), "nothing after the last cursor");
        assertTrue(mcp.call("get_whatsapp_message_logs", "since_id", cursor + 1000).isError(), "a cursor past the log is refused");
    }

    @Test
    void waitForWhatsappMessageReturnsAsSoonAsAMatchingMessageArrives() throws Exception {
        // Its own thread: the common pool may have a single worker, which the SDK's own replies need.
        ExecutorService caller = Executors.newSingleThreadExecutor();
        CompletableFuture<McpTestClient.Result> waiting = CompletableFuture.supplyAsync(
                () -> mcp.ok("wait_for_whatsapp_message", "phone", "+34600000005", "timeout_seconds", 60), caller);
        caller.shutdown();
        sleep(500);
        assertFalse(waiting.isDone(), "nothing arrived yet");
        ScriptedNetwork.incoming(sessionId, "+34600000006", "someone else");
        sleep(300);
        assertFalse(waiting.isDone(), "a message from another phone does not wake it");
        long start = System.nanoTime();
        ScriptedNetwork.incoming(sessionId, "+34600000005", "Here is my address");
        McpTestClient.Result r = waiting.get(10, TimeUnit.SECONDS);
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "woken at once, not at the timeout");
        assertFalse(r.get("timed_out").asBoolean());
        assertEquals(1, r.get("count").asInt());
        assertEquals("Here is my address", r.get("messages").get(0).get("text").asText());
        long next = r.get("next_since_id").asLong();

        // With the cursor, a message that came between two waits is returned at once.
        ScriptedNetwork.incoming(sessionId, "+34600000005", "and my postcode");
        until("logged", () -> mcp.ok("get_whatsapp_message_logs", "since_id", next).get("count").asInt() == 1);
        McpTestClient.Result second = mcp.ok("wait_for_whatsapp_message", "session_id", sessionId, "since_id", next, "timeout_seconds", 5);
        assertEquals("and my postcode", second.get("messages").get(0).get("text").asText());

        McpTestClient.Result none = mcp.ok("wait_for_whatsapp_message", "phone", "+34699999999", "timeout_seconds", 1);
        assertTrue(none.get("timed_out").asBoolean());
        assertEquals(0, none.get("count").asInt());
    }

    static JsonNode nextMessage(BufferedReader reader) {
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("data: {")) {
                    return JSON.readTree(line.substring(6));
                }
            }
            throw new AssertionError("the stream ended");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
