package dev.wabridge.rpc.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wabridge.rpc.jsonrpc.JsonRpcErrorCode;
import dev.wabridge.rpc.jsonrpc.JsonRpcMessage;
import dev.wabridge.rpc.mcp.McpProtocol;
import io.netty.handler.codec.http.HttpHeaders;

import java.util.Optional;

/**
 * The checks 2026-07-28 puts on every stateless request before it is served, in the order the
 * conformance suite expects them: the {@code _meta} envelope (-32602), the
 * {@code MCP-Protocol-Version} header against it (-32020), the revision itself (-32022), then
 * {@code Mcp-Method} and {@code Mcp-Name} against the body (-32020). All are HTTP 400.
 * Header names are case-insensitive (Netty's headers are); values are trimmed of optional
 * whitespace (RFC 9110) and compared case-sensitively.
 */
final class StatelessChecks {
    /** Why a request is refused: the JSON-RPC error to answer with, data may be null. */
    record Rejection(int code, String message, ObjectNode data) {
    }

    private final ObjectMapper mapper;

    StatelessChecks(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** True when the MCP-Protocol-Version header names a stateless revision. */
    static boolean namesStatelessRevision(HttpHeaders headers) {
        String version = trimmed(headers.get(McpProtocol.HEADER_PROTOCOL_VERSION));
        return version != null && McpProtocol.isStateless(version);
    }

    /** True when the request belongs to the stateless revision rather than a 2025-era session. */
    static boolean applies(HttpHeaders headers, JsonRpcMessage message) {
        if (namesStatelessRevision(headers)) {
            return true;
        }
        if (headers.contains(McpProtocol.HEADER_SESSION_ID) || message.params() == null
                || "initialize".equals(message.method())) {
            return false;
        }
        // No session and the envelope of the new revision: a client of 2026-07-28 or later, even
        // when it names a revision we do not speak (it gets -32022 with the ones we do).
        return message.params().path("_meta").has(McpProtocol.META_PROTOCOL_VERSION);
    }

    Optional<Rejection> check(HttpHeaders headers, JsonRpcMessage message) {
        JsonNode meta = message.params().get("_meta");
        if (meta == null || !meta.isObject()) {
            return invalid("every request of MCP " + McpProtocol.STATELESS.getFirst() + " carries \"_meta\" with "
                    + McpProtocol.META_PROTOCOL_VERSION + " and " + McpProtocol.META_CLIENT_CAPABILITIES);
        }
        JsonNode version = meta.get(McpProtocol.META_PROTOCOL_VERSION);
        if (version == null || !version.isTextual()) {
            return invalid("\"_meta\" needs a string " + McpProtocol.META_PROTOCOL_VERSION);
        }
        JsonNode capabilities = meta.get(McpProtocol.META_CLIENT_CAPABILITIES);
        if (capabilities == null || !capabilities.isObject()) {
            return invalid("\"_meta\" needs an object " + McpProtocol.META_CLIENT_CAPABILITIES + " ({} when the client has none)");
        }
        JsonNode clientInfo = meta.get(McpProtocol.META_CLIENT_INFO);
        if (clientInfo != null && !clientInfo.isObject()) {
            return invalid(McpProtocol.META_CLIENT_INFO + ", when present, is an object with name and version");
        }
        JsonNode level = meta.get(McpProtocol.META_LOG_LEVEL);
        if (level != null && !McpProtocol.LOG_LEVELS.contains(level.asText())) {
            return invalid(McpProtocol.META_LOG_LEVEL + " must be one of " + McpProtocol.LOG_LEVELS);
        }
        String header = trimmed(headers.get(McpProtocol.HEADER_PROTOCOL_VERSION));
        if (!version.asText().equals(header)) {
            return mismatch(McpProtocol.HEADER_PROTOCOL_VERSION + " header (" + describe(header) + ") must equal _meta's "
                    + McpProtocol.META_PROTOCOL_VERSION + " (" + version.asText() + ")");
        }
        if (!McpProtocol.isStateless(version.asText())) {
            ObjectNode data = mapper.createObjectNode();
            McpProtocol.STATELESS.forEach(data.putArray("supported")::add);
            data.put("requested", version.asText());
            return Optional.of(new Rejection(McpProtocol.UNSUPPORTED_PROTOCOL_VERSION, "Unsupported protocol version "
                    + version.asText() + "; without a session this endpoint speaks " + McpProtocol.STATELESS
                    + " (2025-era clients send initialize first)", data));
        }
        return headersMatchBody(headers, message);
    }

    /** Mcp-Method must repeat the method, Mcp-Name the tool name or resource URI (SEP-2243). */
    Optional<Rejection> headersMatchBody(HttpHeaders headers, JsonRpcMessage message) {
        String method = trimmed(headers.get(McpProtocol.HEADER_METHOD));
        if (!message.method().equals(method)) {
            return mismatch(McpProtocol.HEADER_METHOD + " header (" + describe(method) + ") must equal the method (" + message.method() + ")");
        }
        String field = McpProtocol.nameField(message.method());
        String name = trimmed(headers.get(McpProtocol.HEADER_NAME));
        JsonNode body = field == null ? null : message.params().get(field);
        String expected = body != null && body.isTextual() ? body.asText() : null;
        if (expected != null && !expected.equals(name)) {
            return mismatch(McpProtocol.HEADER_NAME + " header (" + describe(name) + ") must equal params." + field + " (" + expected + ")");
        }
        return Optional.empty();
    }

    private Optional<Rejection> invalid(String why) {
        return Optional.of(new Rejection(JsonRpcErrorCode.INVALID_PARAMS.code(), "Invalid params: " + why, null));
    }

    private static Optional<Rejection> mismatch(String why) {
        return Optional.of(new Rejection(McpProtocol.HEADER_MISMATCH, "Header mismatch: " + why, null));
    }

    private static String describe(String header) {
        return header == null ? "missing" : "'" + header + "'";
    }

    static String trimmed(String value) {
        return value == null ? null : value.strip();
    }
}
