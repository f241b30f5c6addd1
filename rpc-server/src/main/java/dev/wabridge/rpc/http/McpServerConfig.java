package dev.wabridge.rpc.http;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * Where and how the MCP endpoint listens.
 *
 * @param tcpHost            address to bind; loopback by default
 * @param tcpPort            0 picks a free port; -1 disables TCP
 * @param unixSocket         path of the Unix domain socket, or null for none
 * @param allowedOrigins     browser origins allowed to call (exact "scheme://host[:port]"); a
 *                           request with any other Origin header gets 403
 * @param extraAllowedHosts  Host header values accepted besides the loopback names with our port
 * @param maxBodyBytes       larger request bodies get 413
 * @param connectionIdle     an idle connection (no read or write) is closed after this
 * @param sessionIdle        an MCP session unused this long expires (404 afterwards)
 * @param maxSessions        initialize beyond this many live sessions gets 503
 * @param sseKeepAlive       comment line sent on open event streams this often
 * @param streamScope        scope a token needs to open the GET event stream (which carries
 *                           server notifications), or null for any valid token
 */
public record McpServerConfig(
        String tcpHost,
        int tcpPort,
        Path unixSocket,
        Set<String> allowedOrigins,
        Set<String> extraAllowedHosts,
        int maxBodyBytes,
        Duration connectionIdle,
        Duration sessionIdle,
        int maxSessions,
        Duration sseKeepAlive,
        int toolsPageSize,
        boolean strictOutputSchemas,
        String streamScope) {

    public McpServerConfig {
        allowedOrigins = Set.copyOf(allowedOrigins);
        extraAllowedHosts = Set.copyOf(extraAllowedHosts);
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 1024");
        }
    }

    public static McpServerConfig loopbackDefaults(int port, Path unixSocket) {
        return new McpServerConfig("127.0.0.1", port, unixSocket, Set.of(), Set.of(), 1 << 20,
                Duration.ofMinutes(5), Duration.ofHours(1), 1000, Duration.ofSeconds(15), 100, false, null);
    }

    public McpServerConfig withStrictOutputSchemas(boolean strict) {
        return new McpServerConfig(tcpHost, tcpPort, unixSocket, allowedOrigins, extraAllowedHosts, maxBodyBytes,
                connectionIdle, sessionIdle, maxSessions, sseKeepAlive, toolsPageSize, strict, streamScope);
    }

    public McpServerConfig withToolsPageSize(int size) {
        return new McpServerConfig(tcpHost, tcpPort, unixSocket, allowedOrigins, extraAllowedHosts, maxBodyBytes,
                connectionIdle, sessionIdle, maxSessions, sseKeepAlive, size, strictOutputSchemas, streamScope);
    }

    public McpServerConfig withSessionIdle(Duration idle) {
        return new McpServerConfig(tcpHost, tcpPort, unixSocket, allowedOrigins, extraAllowedHosts, maxBodyBytes,
                connectionIdle, idle, maxSessions, sseKeepAlive, toolsPageSize, strictOutputSchemas, streamScope);
    }

    public McpServerConfig withAllowedOrigins(Set<String> origins) {
        return new McpServerConfig(tcpHost, tcpPort, unixSocket, origins, extraAllowedHosts, maxBodyBytes,
                connectionIdle, sessionIdle, maxSessions, sseKeepAlive, toolsPageSize, strictOutputSchemas, streamScope);
    }

    public McpServerConfig withStreamScope(String scope) {
        return new McpServerConfig(tcpHost, tcpPort, unixSocket, allowedOrigins, extraAllowedHosts, maxBodyBytes,
                connectionIdle, sessionIdle, maxSessions, sseKeepAlive, toolsPageSize, strictOutputSchemas, scope);
    }

    public McpServerConfig withMaxBodyBytes(int bytes) {
        return new McpServerConfig(tcpHost, tcpPort, unixSocket, allowedOrigins, extraAllowedHosts, bytes,
                connectionIdle, sessionIdle, maxSessions, sseKeepAlive, toolsPageSize, strictOutputSchemas, streamScope);
    }
}
