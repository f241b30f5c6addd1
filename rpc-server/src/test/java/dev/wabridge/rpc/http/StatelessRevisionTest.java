package dev.wabridge.rpc.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wabridge.rpc.auth.Principal;
import dev.wabridge.rpc.mcp.ServerInfo;
import dev.wabridge.rpc.resources.ResourceContents;
import dev.wabridge.rpc.resources.ResourceDescriptor;
import dev.wabridge.rpc.resources.ResourceProvider;
import dev.wabridge.rpc.resources.ResourceTemplateDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MCP 2026-07-28 on the same /mcp as 2025-11-25, chosen per request: discover, the envelope
 * and header checks with their codes and statuses, resultType and caching hints, removed
 * methods, and subscriptions/listen carrying resource updates.
 */
class StatelessRevisionTest {
    static final String NOTE = "test://note";
    static final String META = """
            "_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}""";

    /** One resource, readable with the read scope. */
    static final ResourceProvider RESOURCES = new ResourceProvider() {
        @Override
        public List<ResourceDescriptor> list(Principal p) {
            return p.has("read") ? List.of(new ResourceDescriptor(NOTE, "note", "Note", null, "text/plain")) : List.of();
        }

        @Override
        public List<ResourceTemplateDescriptor> templates(Principal p) {
            return List.of();
        }

        @Override
        public Optional<ResourceContents> read(String uri, Principal p) {
            return NOTE.equals(uri) && p.has("read") ? Optional.of(new ResourceContents(NOTE, "text/plain", "hello")) : Optional.empty();
        }
    };

    McpServer server;
    McpHttpClient client;

    @BeforeEach
    void start() throws Exception {
        server = new McpServer(TestServers.config(null), TestServers.registry(), RESOURCES,
                new ServerInfo("test-server", "Test server", "1.0", "Use echo."), TestServers.authenticator(), TestServers.MAPPER).start();
        client = new McpHttpClient(server.url(), TestServers.ADMIN_TOKEN);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    Map<String, String> headers(String method, String name) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        h.put("Accept", "application/json, text/event-stream");
        h.put("Authorization", "Bearer " + client.token);
        h.put("MCP-Protocol-Version", "2026-07-28");
        h.put("Mcp-Method", method);
        h.put("Mcp-Name", name);
        return h;
    }

    HttpResponse<String> post(String id, String method, String params, Map<String, String> headers) throws Exception {
        return client.post("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":{" + params + "}}", headers);
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return TestServers.MAPPER.readTree(r.body());
    }

    @Test
    void discoverDescribesTheServerWithoutASession() throws Exception {
        HttpResponse<String> r = post("1", "server/discover", META, headers("server/discover", null));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Mcp-Session-Id").isEmpty());
        JsonNode result = json(r).get("result");
        assertEquals("2026-07-28", result.at("/supportedVersions/0").asText());
        assertTrue(result.at("/capabilities/resources/subscribe").asBoolean());
        assertTrue(result.at("/capabilities/logging").isMissingNode(), "no log messages in this revision's methods");
        assertEquals("complete", result.get("resultType").asText());
        assertEquals("public", result.get("cacheScope").asText());
        assertEquals("test-server", result.at("/_meta/io.modelcontextprotocol~1serverInfo/name").asText());
    }

    @Test
    void listsCarryCachingHintsAndDependOnTheTokensScopes() throws Exception {
        JsonNode admin = json(post("2", "tools/list", META, headers("tools/list", null))).get("result");
        assertEquals("private", admin.get("cacheScope").asText());
        assertTrue(admin.get("ttlMs").asLong() >= 0);
        client.token = TestServers.SEND_ONLY_TOKEN;
        JsonNode sender = json(post("3", "resources/list", META, headers("resources/list", null))).get("result");
        assertEquals(0, sender.get("resources").size(), "no read scope, no resources");
        assertEquals("private", sender.get("cacheScope").asText());
        client.token = TestServers.READER_TOKEN;
        JsonNode read = json(post("4", "resources/read", "\"uri\":\"" + NOTE + "\"," + META, headers("resources/read", NOTE)));
        assertEquals("hello", read.at("/result/contents/0/text").asText());
        JsonNode missing = json(post("5", "resources/read", "\"uri\":\"test://none\"," + META, headers("resources/read", "test://none")));
        assertEquals(-32602, missing.at("/error/code").asInt());
        assertEquals("test://none", missing.at("/error/data/uri").asText());
    }

    @Test
    void envelopeAndHeadersAreCheckedWithTheRevisionsCodes() throws Exception {
        HttpResponse<String> noMeta = post("11", "tools/list", "", headers("tools/list", null));
        assertEquals(400, noMeta.statusCode());
        assertEquals(-32602, json(noMeta).at("/error/code").asInt());
        assertEquals(11, json(noMeta).get("id").asInt(), "errors carry the request id");

        HttpResponse<String> mismatch = client.post("{\"jsonrpc\":\"2.0\",\"id\":12,\"method\":\"tools/list\",\"params\":{" + META + "}}",
                Map.of("Content-Type", "application/json", "Authorization", "Bearer " + client.token, "MCP-Protocol-Version", "2099-01-01"));
        assertEquals(400, mismatch.statusCode());
        assertEquals(-32020, json(mismatch).at("/error/code").asInt());

        String future = META.replace("2026-07-28", "2099-01-01");
        Map<String, String> futureHeaders = headers("tools/list", null);
        futureHeaders.put("MCP-Protocol-Version", "2099-01-01");
        HttpResponse<String> unsupported = post("13", "tools/list", future, futureHeaders);
        assertEquals(400, unsupported.statusCode());
        assertEquals(-32022, json(unsupported).at("/error/code").asInt());
        assertEquals("2099-01-01", json(unsupported).at("/error/data/requested").asText());
        assertEquals("2026-07-28", json(unsupported).at("/error/data/supported/0").asText());

        HttpResponse<String> noMethod = post("14", "tools/list", META, headers(null, null));
        assertEquals(400, noMethod.statusCode());
        assertEquals(-32020, json(noMethod).at("/error/code").asInt());

        HttpResponse<String> wrongName = post("15", "tools/call", "\"name\":\"echo\",\"arguments\":{\"text\":\"x\"}," + META,
                headers("tools/call", "other"));
        assertEquals(-32020, json(wrongName).at("/error/code").asInt());
        HttpResponse<String> spaced = post("16", "tools/call", "\"name\":\"echo\",\"arguments\":{\"text\":\"x\"}," + META,
                headers("tools/call", "  echo "));
        assertEquals(200, spaced.statusCode(), spaced.body());
        assertFalse(json(spaced).at("/result/isError").asBoolean());
        assertEquals("complete", json(spaced).at("/result/resultType").asText());
    }

    @Test
    void removedMethodsAreNotFoundButStillWorkInA2025Session() throws Exception {
        for (String removed : List.of("initialize", "ping", "logging/setLevel", "resources/subscribe")) {
            HttpResponse<String> r = post("21", removed, META, headers(removed, null));
            assertEquals(404, r.statusCode(), removed);
            assertEquals(-32601, json(r).at("/error/code").asInt(), removed);
        }
        Map<String, String> get = new LinkedHashMap<>(headers(null, null));
        get.put("Accept", "text/event-stream");
        assertEquals(405, client.send("GET", get).statusCode());

        client.initialize();
        assertEquals(0, json(client.post("{\"jsonrpc\":\"2.0\",\"id\":22,\"method\":\"ping\"}")).get("result").size());
        assertEquals(-32601, json(client.post("{\"jsonrpc\":\"2.0\",\"id\":23,\"method\":\"server/discover\"}")).at("/error/code").asInt());
    }

    @Test
    void authStillApplies() throws Exception {
        client.token = "wrong";
        assertEquals(401, post("31", "server/discover", META, headers("server/discover", null)).statusCode());
    }

    @Test
    void listenAcknowledgesThenCarriesUpdatesUntilCancelled() throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":\"sub-1\",\"method\":\"subscriptions/listen\",\"params\":{\"notifications\":"
                + "{\"resourceSubscriptions\":[\"" + NOTE + "\",\"test://secret\"],\"toolsListChanged\":true}," + META + "}}";
        HttpRequest.Builder b = HttpRequest.newBuilder(client.uri).POST(HttpRequest.BodyPublishers.ofString(body));
        headers("subscriptions/listen", null).forEach((k, v) -> {
            if (v != null) {
                b.header(k, v);
            }
        });
        HttpResponse<InputStream> r = client.http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            JsonNode ack = next(reader);
            assertEquals("notifications/subscriptions/acknowledged", ack.get("method").asText());
            assertEquals(List.of(NOTE), TestServers.MAPPER.convertValue(ack.at("/params/notifications/resourceSubscriptions"), List.class),
                    "only what the token may read; no list-changed notifications here");
            assertTrue(ack.at("/params/notifications/toolsListChanged").isMissingNode());
            assertEquals(1, server.resourceUpdated(NOTE));
            JsonNode update = next(reader);
            assertEquals("notifications/resources/updated", update.get("method").asText());
            assertEquals("sub-1", update.at("/params/_meta/io.modelcontextprotocol~1subscriptionId").asText());
            assertEquals(0, server.resourceUpdated("test://secret"));

            HttpResponse<String> cancelled = client.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"sub-1\","
                    + META + "}}", headers("notifications/cancelled", null));
            assertEquals(202, cancelled.statusCode());
            JsonNode end = next(reader);
            assertEquals("sub-1", end.get("id").asText());
            assertEquals("sub-1", end.at("/result/_meta/io.modelcontextprotocol~1subscriptionId").asText());
        }
    }

    static JsonNode next(BufferedReader reader) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String line;
        while (System.nanoTime() < deadline && (line = reader.readLine()) != null) {
            if (line.startsWith("data: {")) {
                return TestServers.MAPPER.readTree(line.substring(6));
            }
        }
        throw new AssertionError("no event");
    }
}
