package dev.wabridge.rpc.mcp;

import java.util.List;

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

    /** The eight syslog severities MCP's logging/setLevel accepts (RFC 5424 order). */
    public static final List<String> LOG_LEVELS =
            List.of("debug", "info", "notice", "warning", "error", "critical", "alert", "emergency");

    private McpProtocol() {
    }

    public static boolean isSupported(String version) {
        return SUPPORTED.contains(version);
    }

    /** Version negotiation: echo a supported request, else answer our latest. */
    public static String negotiate(String requested) {
        return isSupported(requested) ? requested : LATEST;
    }
}
