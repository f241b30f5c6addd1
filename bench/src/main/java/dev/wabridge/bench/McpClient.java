package dev.wabridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A 2025-11-25 MCP session with the daemon (initialize, then tools/call) that any number of
 * {@link McpConnection}s share, so a burst of concurrent calls needs no new TCP connections
 * or MCP sessions while it is timed.
 */
final class McpClient {
    static final String PROTOCOL = "2025-11-25";
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong ids = new AtomicLong();
    private final int port;
    private final Map<String, String> headers;

    private McpClient(int port, Map<String, String> headers) {
        this.port = port;
        this.headers = headers;
    }

    /** Initializes a session with the token and confirms it (notifications/initialized). */
    static McpClient connect(int port, String token) throws IOException {
        try (McpConnection c = new McpConnection(port)) {
            ObjectMapper json = new ObjectMapper();
            ObjectNode init = json.createObjectNode().put("jsonrpc", "2.0").put("id", 0).put("method", "initialize");
            ObjectNode params = init.putObject("params").put("protocolVersion", PROTOCOL);
            params.putObject("capabilities");
            params.putObject("clientInfo").put("name", "wabridge-bench").put("version", "1");
            McpConnection.Response r = exchange(c, json.writeValueAsBytes(init), Map.of("Authorization", "Bearer " + token));
            String session = r.headers().get("mcp-session-id");
            if (r.status() != 200 || session == null) {
                throw new IOException("initialize failed: " + r.status() + " " + r.text());
            }
            Map<String, String> headers = Map.of("Authorization", "Bearer " + token, "Mcp-Session-Id", session,
                    "MCP-Protocol-Version", PROTOCOL);
            ObjectNode initialized = json.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/initialized");
            exchange(c, json.writeValueAsBytes(initialized), headers);
            return new McpClient(port, headers);
        }
    }

    private static McpConnection.Response exchange(McpConnection c, byte[] body, Map<String, String> headers) throws IOException {
        c.write(c.request(body, headers));
        return c.read();
    }

    McpConnection open() throws IOException {
        return new McpConnection(port);
    }

    /** The bytes of a tools/call request on {@code c}, built ahead of timing. */
    byte[] toolCall(McpConnection c, String tool, ObjectNode arguments) throws IOException {
        ObjectNode call = json.createObjectNode().put("jsonrpc", "2.0").put("id", ids.incrementAndGet()).put("method", "tools/call");
        call.putObject("params").put("name", tool).set("arguments", arguments);
        return c.request(json.writeValueAsBytes(call), headers);
    }

    ObjectNode arguments() {
        return json.createObjectNode();
    }

    /** The structured result of a tools/call answer; fails on a JSON-RPC error or a tool error. */
    JsonNode result(McpConnection.Response r) throws IOException {
        JsonNode body = json.readTree(r.body());
        if (r.status() != 200 || body.has("error")) {
            throw new IOException("tools/call failed: " + r.status() + " " + r.text());
        }
        JsonNode result = body.get("result");
        if (result.path("isError").asBoolean(false)) {
            throw new IOException("tool error: " + result.path("content").path(0).path("text").asText());
        }
        return result.get("structuredContent");
    }

    /** Calls a tool on {@code c} and returns its structured result. */
    JsonNode call(McpConnection c, String tool, ObjectNode arguments) throws IOException {
        c.write(toolCall(c, tool, arguments));
        return result(c.read());
    }
}
