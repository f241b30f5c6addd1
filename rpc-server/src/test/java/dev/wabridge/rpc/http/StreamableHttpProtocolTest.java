package dev.wabridge.rpc.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wabridge.testkit.Eventually;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Streamable HTTP transport and JSON-RPC rules, one behaviour per test, over real TCP. */
class StreamableHttpProtocolTest {
    private McpServer server;
    private McpHttpClient client;

    @BeforeEach
    void start() throws Exception {
        server = TestServers.start(TestServers.config(null).withMaxBodyBytes(64 * 1024));
        client = new McpHttpClient(server.url(), TestServers.ADMIN_TOKEN);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static int errorCode(HttpResponse<String> r) throws Exception {
        return TestServers.MAPPER.readTree(r.body()).path("error").path("code").asInt();
    }

    @Test
    void initializeNegotiatesVersionAndIssuesSession() throws Exception {
        JsonNode init = client.initialize();
        JsonNode result = init.get("result");
        assertEquals("2025-11-25", result.get("protocolVersion").asText());
        assertEquals("test-server", result.at("/serverInfo/name").asText());
        assertTrue(result.at("/capabilities/tools").isObject());
        assertTrue(result.at("/capabilities/logging").isObject());
        assertEquals("Use echo.", result.get("instructions").asText());
        assertTrue(client.sessionId.matches("[\\x21-\\x7E]{16,}"), "visible ASCII session id");
    }

    @Test
    void olderSupportedVersionIsEchoedAndUnknownGetsLatest() throws Exception {
        HttpResponse<String> r = client.post("""
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-03-26","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""");
        assertEquals("2025-03-26", TestServers.MAPPER.readTree(r.body()).at("/result/protocolVersion").asText());
        r = client.post("""
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"1999-01-01","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""");
        assertEquals("2025-11-25", TestServers.MAPPER.readTree(r.body()).at("/result/protocolVersion").asText());
    }

    @Test
    void malformedJsonIsParseError() throws Exception {
        client.initialize();
        HttpResponse<String> r = client.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":");
        assertEquals(400, r.statusCode());
        assertEquals(-32700, errorCode(r));
        assertTrue(TestServers.MAPPER.readTree(r.body()).get("id").isNull());
    }

    @Test
    void wrongJsonRpcShapesAreInvalidRequest() throws Exception {
        client.initialize();
        for (String body : new String[]{
                "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]",      // batch
                "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}",         // version
                "{\"id\":1,\"method\":\"ping\"}",                             // no jsonrpc
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":42}",               // method type
                "{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"ping\"}", // id type
                "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}",      // null id
                "{\"jsonrpc\":\"2.0\",\"id\":1}",                             // no method
                "\"ping\""}) {
            HttpResponse<String> r = client.post(body);
            assertEquals(400, r.statusCode(), body);
            assertEquals(-32600, errorCode(r), body);
        }
    }

    @Test
    void unknownMethodAndBadParams() throws Exception {
        client.initialize();
        assertEquals(-32601, client.rpc("does/not/exist", "{}").at("/error/code").asInt());
        assertEquals(-32602, client.rpc("tools/call", "{\"name\":\"nope\"}").at("/error/code").asInt());
        assertEquals(-32602, client.rpc("tools/call", "{}").at("/error/code").asInt());
        assertEquals(-32602, client.rpc("tools/list", "{\"cursor\":\"garbage!\"}").at("/error/code").asInt());
        assertEquals(-32602, client.rpc("logging/setLevel", "{\"level\":\"loud\"}").at("/error/code").asInt());
        HttpResponse<String> r = client.post("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\",\"params\":[1]}");
        assertEquals(-32602, errorCode(r));
        assertEquals(5, TestServers.MAPPER.readTree(r.body()).get("id").asInt());
    }

    @Test
    void pingAndSetLevelAnswerEmptyObjects() throws Exception {
        client.initialize();
        JsonNode ping = client.rpc("ping", "{}");
        assertEquals(7, ping.get("id").asInt());
        assertEquals(0, ping.get("result").size());
        assertEquals(0, client.rpc("logging/setLevel", "{\"level\":\"warning\"}").get("result").size());
    }

    @Test
    void notificationsAndResponsesGet202() throws Exception {
        client.initialize();
        HttpResponse<String> r = client.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":3}}");
        assertEquals(202, r.statusCode());
        assertEquals("", r.body());
        r = client.post("{\"jsonrpc\":\"2.0\",\"id\":\"s1\",\"result\":{}}");
        assertEquals(202, r.statusCode());
    }

    @Test
    void oversizeBodyIs413() throws Exception {
        client.initialize();
        String big = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\"" + "x".repeat(70 * 1024) + "\"}}";
        assertEquals(413, client.post(big).statusCode());
        // the server is still fine afterwards
        assertEquals(0, client.rpc("ping", "{}").get("result").size());
    }

    @Test
    void badOriginIs403AndAllowedOriginPasses() throws Exception {
        Map<String, String> h = new HashMap<>(client.standardHeaders());
        h.put("Origin", "http://evil.example.com");
        HttpResponse<String> r = client.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\"}}", h);
        assertEquals(403, r.statusCode());

        server.close();
        server = TestServers.start(TestServers.config(null).withAllowedOrigins(java.util.Set.of("http://localhost:5173")));
        client = new McpHttpClient(server.url(), TestServers.ADMIN_TOKEN);
        h = new HashMap<>(client.standardHeaders());
        h.put("Origin", "http://localhost:5173");
        r = client.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\"}}", h);
        assertEquals(200, r.statusCode());
    }

    @Test
    void foreignHostIs403() throws Exception {
        int port = server.tcpAddress().getPort();
        String init = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\"}}";
        Map<String, String> h = Map.of("Host", "evil.example.com", "Content-Type", "application/json",
                "Accept", "application/json, text/event-stream", "Authorization", "Bearer " + TestServers.ADMIN_TOKEN);
        assertEquals(403, RawHttp.tcp(port, "POST", "/mcp", h, init.getBytes()).status());
        Map<String, String> wrongPort = new HashMap<>(h);
        wrongPort.put("Host", "127.0.0.1:1");
        assertEquals(403, RawHttp.tcp(port, "POST", "/mcp", wrongPort, init.getBytes()).status());
        Map<String, String> ok = new HashMap<>(h);
        ok.put("Host", "localhost:" + port);
        assertEquals(200, RawHttp.tcp(port, "POST", "/mcp", ok, init.getBytes()).status());
    }

    @Test
    void missingUnknownAndEndedSessions() throws Exception {
        client.initialize();
        String valid = client.sessionId;
        client.sessionId = null;
        HttpResponse<String> r = client.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");
        assertEquals(400, r.statusCode());
        client.sessionId = "no-such-session";
        assertEquals(404, client.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").statusCode());
        client.sessionId = valid;
        assertEquals(204, client.send("DELETE", client.standardHeaders()).statusCode());
        assertEquals(404, client.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").statusCode());
    }

    @Test
    void idleSessionExpiresWith404() throws Exception {
        server.close();
        server = TestServers.start(TestServers.config(null).withSessionIdle(Duration.ofMillis(300)));
        client = new McpHttpClient(server.url(), TestServers.ADMIN_TOKEN);
        client.initialize();
        Thread.sleep(700);
        assertEquals(404, client.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").statusCode());
    }

    @Test
    void unsupportedProtocolVersionHeaderIs400() throws Exception {
        client.initialize();
        Map<String, String> h = new HashMap<>(client.standardHeaders());
        h.put("MCP-Protocol-Version", "2024-01-01");
        HttpResponse<String> r = client.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", h);
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("2024-01-01"));
        h.remove("MCP-Protocol-Version"); // absent: 2025-03-26 assumed, accepted
        assertEquals(200, client.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", h).statusCode());
        h.put("MCP-Protocol-Version", "2025-06-18"); // another supported revision: accepted
        assertEquals(200, client.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", h).statusCode());
    }

    @Test
    void wrongAcceptIs406AndWrongContentTypeIs415() throws Exception {
        client.initialize();
        Map<String, String> h = new HashMap<>(client.standardHeaders());
        h.put("Accept", "text/html");
        assertEquals(406, client.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", h).statusCode());
        h = new HashMap<>(client.standardHeaders());
        h.put("Content-Type", "text/plain");
        assertEquals(415, client.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", h).statusCode());
        h = new HashMap<>(client.standardHeaders());
        h.put("Accept", "application/json");
        assertEquals(406, client.send("GET", h).statusCode());
    }

    @Test
    void missingOrWrongTokenIs401WithChallenge() throws Exception {
        client.token = null;
        HttpResponse<String> r = client.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\"}}");
        assertEquals(401, r.statusCode());
        assertEquals("Bearer realm=\"wabridge\", error=\"invalid_token\"", r.headers().firstValue("WWW-Authenticate").orElseThrow());
        client.token = "tok-admin-012345678X";
        assertEquals(401, client.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").statusCode());
        assertEquals(401, client.send("GET", client.standardHeaders()).statusCode());
    }

    @Test
    void sessionBelongsToTheTokenThatOpenedIt() throws Exception {
        client.initialize();
        client.token = TestServers.READER_TOKEN;
        assertEquals(404, client.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}").statusCode());
    }

    @Test
    void wellKnownOauthAndOtherPathsAre404() throws Exception {
        for (String path : new String[]{"/.well-known/oauth-protected-resource", "/.well-known/oauth-protected-resource/mcp",
                "/.well-known/oauth-authorization-server", "/other"}) {
            HttpResponse<String> r = client.http.send(java.net.http.HttpRequest.newBuilder(client.uri.resolve(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, r.statusCode(), path);
        }
    }

    @Test
    void unsupportedHttpMethodIs405() throws Exception {
        HttpResponse<String> r = client.send("PUT", client.standardHeaders());
        assertEquals(405, r.statusCode());
        assertEquals("GET, POST, DELETE, OPTIONS", r.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        client.initialize();
        String slow = "{\"jsonrpc\":\"2.0\",\"id\":\"first\",\"method\":\"tools/call\",\"params\":{\"name\":\"slow\"}}";
        String fast = "{\"jsonrpc\":\"2.0\",\"id\":\"second\",\"method\":\"ping\"}";
        StringBuilder wire = new StringBuilder();
        for (String body : new String[]{slow, fast}) {
            wire.append("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:").append(server.tcpAddress().getPort())
                    .append("\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n")
                    .append("Authorization: Bearer ").append(TestServers.ADMIN_TOKEN).append("\r\nMcp-Session-Id: ").append(client.sessionId)
                    .append("\r\nContent-Length: ").append(body.length()).append("\r\n\r\n").append(body);
        }
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.tcpAddress().getPort())) {
            socket.getOutputStream().write(wire.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII)); // one write, both requests
            socket.setSoTimeout(5000);
            java.io.InputStream in = socket.getInputStream();
            StringBuilder got = new StringBuilder();
            byte[] buf = new byte[4096];
            while (!(got.indexOf("\"first\"") >= 0 && got.indexOf("\"second\"") >= 0)) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                got.append(new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8));
            }
            assertTrue(got.indexOf("\"first\"") >= 0 && got.indexOf("\"second\"") > got.indexOf("\"first\""), got.toString());
        }
    }

    @Test
    void corsPreflightAndHeadersForAnAllowedOrigin() throws Exception {
        server.close();
        server = TestServers.start(TestServers.config(null).withAllowedOrigins(java.util.Set.of("http://localhost:5173")));
        client = new McpHttpClient(server.url(), TestServers.ADMIN_TOKEN);
        HttpResponse<String> pre = client.send("OPTIONS", Map.of("Origin", "http://localhost:5173",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization, content-type"));
        assertEquals(204, pre.statusCode());
        assertEquals("http://localhost:5173", pre.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertTrue(pre.headers().firstValue("Access-Control-Allow-Headers").orElseThrow().contains("Mcp-Session-Id"));
        Map<String, String> h = new HashMap<>(client.standardHeaders());
        h.put("Origin", "http://localhost:5173");
        HttpResponse<String> r = client.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\"}}", h);
        assertEquals("http://localhost:5173", r.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertTrue(r.headers().firstValue("Access-Control-Expose-Headers").orElseThrow().contains("Mcp-Session-Id"));
    }

    @Test
    void theEventStreamNeedsItsScope() throws Exception {
        server.close();
        server = TestServers.start(TestServers.config(null).withStreamScope("read"));
        client = new McpHttpClient(server.url(), TestServers.SEND_ONLY_TOKEN);
        client.initialize();
        Map<String, String> h = new HashMap<>(client.standardHeaders());
        h.put("Accept", "text/event-stream");
        assertEquals(403, client.send("GET", h).statusCode());
    }

    @Test
    void toolsListPaginatesAndShowsOnlyScopedTools() throws Exception {
        server.close();
        server = TestServers.start(TestServers.config(null).withToolsPageSize(2));
        client = new McpHttpClient(server.url(), TestServers.READER_TOKEN);
        client.initialize();
        java.util.List<String> names = new java.util.ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode result = client.rpc("tools/list", cursor == null ? "{}" : "{\"cursor\":\"" + cursor + "\"}").get("result");
            result.get("tools").forEach(t -> names.add(t.get("name").asText()));
            cursor = result.hasNonNull("nextCursor") ? result.get("nextCursor").asText() : null;
            pages++;
        } while (cursor != null);
        assertEquals(java.util.List.of("echo", "count", "refuse", "explode", "wrong_output", "slow"), names);
        assertEquals(3, pages);
    }

    @Test
    void toolDescriptionsCarrySchemasAndAnnotations() throws Exception {
        client.initialize();
        JsonNode tools = client.rpc("tools/list", "{}").at("/result/tools");
        JsonNode wipe = null;
        for (JsonNode t : tools) {
            if (t.get("name").asText().equals("wipe")) {
                wipe = t;
            }
            assertEquals("object", t.at("/inputSchema/type").asText());
            assertFalse(t.get("description").asText().isEmpty());
            for (String hint : new String[]{"readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"}) {
                assertTrue(t.get("annotations").get(hint).isBoolean(), hint);
            }
        }
        assertNotNull(wipe);
        assertEquals("Wipe", wipe.get("title").asText());
        assertTrue(wipe.at("/annotations/destructiveHint").asBoolean());
        assertEquals("object", wipe.at("/outputSchema/type").asText());
    }

    @Test
    void toolCallOutsideScopeIsForbiddenResult() throws Exception {
        client.token = TestServers.READER_TOKEN;
        client.initialize();
        JsonNode result = client.rpc("tools/call", "{\"name\":\"wipe\",\"arguments\":{}}").get("result");
        assertTrue(result.get("isError").asBoolean());
        assertTrue(result.at("/content/0/text").asText().startsWith("Forbidden"), result.toString());
        assertTrue(result.at("/content/0/text").asText().contains("'admin'"));
    }

    @Test
    void argumentViolationsNameTheFieldAndRule() throws Exception {
        client.initialize();
        JsonNode missing = client.rpc("tools/call", "{\"name\":\"echo\",\"arguments\":{}}").get("result");
        assertTrue(missing.get("isError").asBoolean());
        assertTrue(missing.at("/content/0/text").asText().contains("'text'"), missing.toString());
        assertTrue(missing.at("/content/0/text").asText().contains("required"));

        JsonNode wrongType = client.rpc("tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":5}}").get("result");
        assertTrue(wrongType.at("/content/0/text").asText().contains("'text' (type)"), wrongType.toString());

        JsonNode range = client.rpc("tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"a\",\"times\":9}}").get("result");
        assertTrue(range.at("/content/0/text").asText().contains("'times' (maximum)"), range.toString());

        JsonNode extra = client.rpc("tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"a\",\"bogus\":1}}").get("result");
        assertTrue(extra.at("/content/0/text").asText().contains("'bogus' (additionalProperties)"), extra.toString());

        JsonNode notObject = client.rpc("tools/call", "{\"name\":\"echo\",\"arguments\":[1]}").get("result");
        assertTrue(notObject.get("isError").asBoolean());
    }

    @Test
    void successfulCallCarriesSummaryStructuredContentAndJsonText() throws Exception {
        client.initialize();
        JsonNode result = client.rpc("tools/call", "{\"name\":\"echo\",\"arguments\":{\"text\":\"ab\",\"times\":2}}").get("result");
        assertFalse(result.get("isError").asBoolean());
        assertEquals("Echoed 2 time(s)", result.at("/content/0/text").asText());
        assertEquals("abab", result.at("/structuredContent/echoed").asText());
        assertEquals(result.get("structuredContent"), TestServers.MAPPER.readTree(result.at("/content/1/text").asText()));
    }

    @Test
    void toolFailuresAreIsErrorResultsWithoutInternals() throws Exception {
        client.initialize();
        JsonNode refused = client.rpc("tools/call", "{\"name\":\"refuse\"}").get("result");
        assertTrue(refused.get("isError").asBoolean());
        assertEquals("Refused: nothing to do", refused.at("/content/0/text").asText());

        JsonNode exploded = client.rpc("tools/call", "{\"name\":\"explode\"}").get("result");
        assertTrue(exploded.get("isError").asBoolean());
        assertFalse(exploded.toString().contains("secret internal detail"));
        assertTrue(exploded.at("/content/0/text").asText().contains("reference"));

        JsonNode wrong = client.rpc("tools/call", "{\"name\":\"wrong_output\"}").get("result");
        assertTrue(wrong.get("isError").asBoolean(), "strict mode turns a schema-breaking result into an error");
    }

    @Test
    void progressTokenStreamsProgressThenResultAsSse() throws Exception {
        client.initialize();
        HttpResponse<String> r = client.post("""
                {"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"count","arguments":{"n":3},"_meta":{"progressToken":"p-1"}}}""");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/event-stream"));
        java.util.List<JsonNode> events = new java.util.ArrayList<>();
        for (String line : r.body().split("\n")) {
            if (line.startsWith("data: ") && line.length() > 6) {
                events.add(TestServers.MAPPER.readTree(line.substring(6)));
            }
        }
        assertEquals(4, events.size(), r.body());
        for (int i = 0; i < 3; i++) {
            assertEquals("notifications/progress", events.get(i).get("method").asText());
            assertEquals("p-1", events.get(i).at("/params/progressToken").asText());
            assertEquals(i + 1, events.get(i).at("/params/progress").asInt());
        }
        assertEquals(9, events.get(3).get("id").asInt());
        assertEquals(3, events.get(3).at("/result/structuredContent/count").asInt());
    }

    @Test
    void getOpensEventStreamThatCarriesBroadcasts() throws Exception {
        client.initialize();
        Map<String, String> h = new HashMap<>(client.standardHeaders());
        h.put("Accept", "text/event-stream");
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(client.uri).GET();
        h.forEach(b::header);
        HttpResponse<java.io.InputStream> stream = client.http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(stream.body()))) {
            String first = reader.readLine();
            assertTrue(first.startsWith("id: "), first); // priming event
            // The stream is registered just after the priming event is written: broadcast until it is there.
            int delivered = Eventually.value("a broadcast that reaches the open GET stream", () -> server.broadcast("notifications/message",
                    TestServers.MAPPER.createObjectNode().put("level", "info").put("data", "hello")), n -> n > 0);
            assertEquals(1, delivered);
            String line;
            do {
                line = reader.readLine();
            } while (line != null && !line.startsWith("data: {"));
            assertNotNull(line);
            assertTrue(line.contains("\"hello\""), line);
        }
    }
}
