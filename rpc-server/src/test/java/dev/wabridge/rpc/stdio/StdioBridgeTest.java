package dev.wabridge.rpc.stdio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wabridge.rpc.http.McpServer;
import dev.wabridge.rpc.http.StdioFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** stdio lines in, the daemon's answers out, over the real Unix socket. */
class StdioBridgeTest {
    @TempDir
    Path dir;
    private McpServer server;
    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeEach
    void start() throws Exception {
        server = StdioFixtures.start(dir.resolve("s.sock"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Map<Object, JsonNode> run(String token, String... lines) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> diagnostics = new CopyOnWriteArrayList<>();
        new StdioBridge(UnixDomainSocketAddress.of(server.unixSocket()), "localhost", token,
                new ByteArrayInputStream((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)), out,
                diagnostics::add).run();
        Map<Object, JsonNode> byId = new HashMap<>();
        List<JsonNode> all = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                JsonNode n = mapper.readTree(line); // every stdout line is one JSON message
                all.add(n);
                if (n.has("method")) {
                    continue; // notifications (progress) carry no id
                }
                byId.put(n.get("id") == null || n.get("id").isNull() ? "null" : n.get("id").asInt(), n);
            }
        }
        return byId;
    }

    @Test
    void relaysRequestsWithSessionAndToken() throws Exception {
        Map<Object, JsonNode> r = run(StdioFixtures.TOKEN,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"count\",\"arguments\":{\"n\":2},\"_meta\":{\"progressToken\":\"t\"}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"nope\"}",
                "not json");
        assertEquals("2025-11-25", r.get(1).at("/result/protocolVersion").asText());
        assertTrue(r.get(2).at("/result/tools").size() > 0);
        assertEquals(2, r.get(3).at("/result/structuredContent/count").asInt());
        assertEquals(-32601, r.get(4).at("/error/code").asInt());
        assertEquals(-32700, r.get("null").at("/error/code").asInt());
    }

    @Test
    void passesStatelessMessagesThroughWithTheirHeadersAndNoSession() throws Exception {
        String meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}";
        Map<Object, JsonNode> r = run(StdioFixtures.TOKEN,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"server/discover\",\"params\":{" + meta + "}}",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"count\",\"arguments\":{\"n\":2}," + meta + "}}",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\",\"params\":{" + meta + "}}");
        assertEquals("2026-07-28", r.get(1).at("/result/supportedVersions/0").asText());
        assertEquals(2, r.get(2).at("/result/structuredContent/count").asInt());
        assertEquals("complete", r.get(2).at("/result/resultType").asText());
        assertEquals(-32601, r.get(3).at("/error/code").asInt(), "ping was removed in 2026-07-28");
    }

    @Test
    void badTokenBecomesAJsonRpcErrorForTheRequest() throws Exception {
        Map<Object, JsonNode> r = run("wrong",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\"}}");
        assertEquals(1, r.get(1).get("id").asInt());
        assertTrue(r.get(1).at("/error/message").asText().contains("Unauthorized"), r.toString());
    }

    @Test
    void unreachableDaemonIsReportedPerRequest() throws Exception {
        server.close();
        Map<Object, JsonNode> r = run(StdioFixtures.TOKEN,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\"}}");
        assertTrue(r.get(1).at("/error/message").asText().contains("unreachable"), r.toString());
    }
}
