package dev.wabridge.rpc.mcp;

import java.util.List;
import java.util.stream.Stream;

/** Facts from the MCP specification this server implements. */
public final class McpProtocol {
    /** The revision offered when a client asks for one we do not speak. */
    public static final String LATEST = "2025-11-25";
    /** Newest first. Each revision's Streamable HTTP transport is the same on the wire for us. */
    public static final List<String> SUPPORTED = List.of("2025-11-25", "2025-06-18", "2025-03-26");
    /**
     * Streamable HTTP: "If the server does not receive an MCP-Protocol-Version header ... the
     * server SHOULD assume protocol version 2025-03-26".
     */
    public static final String ASSUMED_WITHOUT_HEADER = "2025-03-26";

    public static final String HEADER_SESSION_ID = "Mcp-Session-Id";
    public static final String HEADER_PROTOCOL_VERSION = "MCP-Protocol-Version";

    /**
     * The stateless revisions (2026-07-28 and later): no initialize, no Mcp-Session-Id; every
     * request names its revision and the client's capabilities in {@code _meta}.
     */
    public static final List<String> STATELESS = List.of("2026-07-28");
    /** 2026-07-28 (SEP-2243): HTTP requests repeat the JSON-RPC method and, for some methods, a name. */
    public static final String HEADER_METHOD = "Mcp-Method";
    public static final String HEADER_NAME = "Mcp-Name";

    public static final String META_PROTOCOL_VERSION = "io.modelcontextprotocol/protocolVersion";
    public static final String META_CLIENT_INFO = "io.modelcontextprotocol/clientInfo";
    public static final String META_CLIENT_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
    public static final String META_LOG_LEVEL = "io.modelcontextprotocol/logLevel";
    public static final String META_SERVER_INFO = "io.modelcontextprotocol/serverInfo";
    public static final String META_SUBSCRIPTION_ID = "io.modelcontextprotocol/subscriptionId";

    /** 2026-07-28 error codes. */
    public static final int HEADER_MISMATCH = -32020;
    public static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

    /**
     * Methods 2026-07-28 removed: a stateless request for one of them is answered like any
     * unknown method (HTTP 404, -32601), even though a 2025-11-25 session may still call them.
     */
    public static final List<String> REMOVED_IN_STATELESS = List.of(
            "initialize", "ping", "logging/setLevel", "resources/subscribe", "resources/unsubscribe");

    /** Methods that exist only in the stateless revisions. */
    public static final List<String> STATELESS_ONLY = List.of("server/discover", "subscriptions/listen");

    /** The eight syslog severities MCP's logging/setLevel accepts (RFC 5424 order). */
    public static final List<String> LOG_LEVELS =
            List.of("debug", "info", "notice", "warning", "error", "critical", "alert", "emergency");

    private McpProtocol() {
    }

    public static boolean isSupported(String version) {
        return SUPPORTED.contains(version);
    }

    public static boolean isStateless(String version) {
        return STATELESS.contains(version);
    }

    /** Every revision this server answers, stateless ones first (server/discover lists them). */
    public static List<String> allRevisions() {
        return Stream.concat(STATELESS.stream(), SUPPORTED.stream()).toList();
    }

    /**
     * Which request field the {@code Mcp-Name} header repeats for a method (SEP-2243), or null
     * when the method carries no name.
     */
    public static String nameField(String method) {
        return switch (method) {
            case "tools/call", "prompts/get" -> "name";
            case "resources/read" -> "uri";
            default -> null;
        };
    }

    /** Version negotiation: echo a supported request, else answer our latest. */
    public static String negotiate(String requested) {
        return isSupported(requested) ? requested : LATEST;
    }
}
