package dev.wabridge.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The official MCP Java SDK client with small helpers for assertions. */
public final class McpTestClient implements AutoCloseable {
    static final ObjectMapper MAPPER = new ObjectMapper();
    public final McpSyncClient client;

    public McpTestClient(String baseUrl, String token) {
        var transport = HttpClientStreamableHttpTransport.builder(baseUrl).endpoint("/mcp")
                .addHttpRequestCustomizer((b, m, u, body, ctx) -> b.header("Authorization", "Bearer " + token)).build();
        client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).enableCallToolSchemaCaching(true).build();
        client.initialize();
        client.listTools(); // caches output schemas: the SDK then validates every structured result
    }

    /** A tool result: its text, structured JSON and error flag. */
    public record Result(boolean isError, String text, JsonNode json, McpSchema.CallToolResult raw) {
        public JsonNode get(String field) {
            return json.get(field);
        }
    }

    public Result call(String tool, Object... kv) {
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            args.put((String) kv[i], kv[i + 1]);
        }
        return call(tool, args);
    }

    public Result call(String tool, Map<String, Object> args) {
        McpSchema.CallToolResult r = client.callTool(new McpSchema.CallToolRequest(tool, args, null));
        String text = r.content().isEmpty() ? "" : ((McpSchema.TextContent) r.content().get(0)).text();
        JsonNode json = r.structuredContent() == null ? null : MAPPER.valueToTree(r.structuredContent());
        return new Result(Boolean.TRUE.equals(r.isError()), text, json, r);
    }

    /** Calls and fails the test unless the result is a success. */
    public Result ok(String tool, Object... kv) {
        Result r = call(tool, kv);
        if (r.isError()) {
            throw new AssertionError(tool + " failed: " + r.text());
        }
        return r;
    }

    @Override
    public void close() {
        client.close();
    }
}
