package dev.wabridge.rpc.http;

import java.util.Locale;
import java.util.Set;

/**
 * DNS-rebinding protection (MCP Streamable HTTP, "Security Warning"): a page on a hostile
 * site may resolve its own name to 127.0.0.1, so the browser then sends our endpoint a Host
 * and an Origin naming that site. We accept only our loopback names as Host, and an Origin
 * only when configured. Requests without Origin (every non-browser client) are fine.
 */
final class RequestGuard {
    private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "[::1]");

    private final Set<String> allowedOrigins;
    private final Set<String> extraHosts;

    RequestGuard(Set<String> allowedOrigins, Set<String> extraHosts) {
        this.allowedOrigins = allowedOrigins;
        this.extraHosts = extraHosts;
    }

    /** For a connection from this machine; see {@link #hostAllowed(String, int, boolean)}. */
    boolean hostAllowed(String host, int port) {
        return hostAllowed(host, port, true);
    }

    /**
     * @param port         the TCP port this connection arrived on, or -1 on the Unix socket, where no
     *                     browser can connect and any Host is accepted
     * @param loopbackPeer whether the connection comes from this machine. A loopback Host from
     *                     another machine is a lie (any client can send {@code Host: 127.0.0.1:PORT}),
     *                     so when the endpoint listens beyond loopback, other machines must name
     *                     one of the configured hosts
     */
    boolean hostAllowed(String host, int port, boolean loopbackPeer) {
        if (port < 0) {
            return true;
        }
        if (host == null || host.isEmpty()) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (extraHosts.contains(h)) {
            return true;
        }
        String name = h;
        String hostPort = null;
        int colon = h.lastIndexOf(':');
        if (colon > 0 && h.indexOf(']') < colon) {
            name = h.substring(0, colon);
            hostPort = h.substring(colon + 1);
        }
        if (!loopbackPeer || !LOOPBACK_NAMES.contains(name)) {
            return false;
        }
        return hostPort == null ? port == 80 : hostPort.equals(Integer.toString(port));
    }

    /**
     * No Origin (non-browser clients), a configured origin, or our own origin: a page served
     * from http://127.0.0.1:PORT itself (same port, loopback name) is same-origin, and the Host
     * check already stops a rebound name.
     */
    boolean originAllowed(String origin, int port) {
        if (origin == null || allowedOrigins.contains(origin)) {
            return true;
        }
        if (port < 0) {
            return false;
        }
        String o = origin.toLowerCase(Locale.ROOT);
        for (String name : LOOPBACK_NAMES) {
            if (o.equals("http://" + name + ":" + port) || (port == 80 && o.equals("http://" + name))) {
                return true;
            }
        }
        return false;
    }
}
