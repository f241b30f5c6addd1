package dev.wabridge.rpc.stdio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wabridge.rpc.mcp.McpProtocol;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTTP headers MCP 2026-07-28 asks a client to repeat from each message's body
 * (MCP-Protocol-Version from {@code _meta}, Mcp-Method, Mcp-Name). A stdio client writes only
 * the body, so the bridge adds them; a message without the new envelope gets none and goes
 * through the 2025-era session as before.
 */
final class StatelessHeaders {
    private StatelessHeaders() {
    }

    /** Empty when the message is not a 2026-07-28 one. */
    static Map<String, String> of(JsonNode message) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (message == null || !message.isObject()) {
            return headers;
        }
        JsonNode version = message.path("params").path("_meta").get(McpProtocol.META_PROTOCOL_VERSION);
        String method = message.path("method").asText("");
        if (version == null || !version.isTextual() || method.isEmpty()) {
            return headers;
        }
        headers.put(McpProtocol.HEADER_PROTOCOL_VERSION, version.asText());
        headers.put(McpProtocol.HEADER_METHOD, method);
        String field = McpProtocol.nameField(method);
        JsonNode name = field == null ? null : message.path("params").get(field);
        if (name != null && name.isTextual()) {
            headers.put(McpProtocol.HEADER_NAME, name.asText());
        }
        return headers;
    }
}
