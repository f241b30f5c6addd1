package dev.wabridge.sandbox;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Set;

/**
 * The rules the daemon's /mcp applies, for the sandbox's test API: any web page could drive
 * it before (a text/plain POST from a foreign Origin is a "simple" request a browser sends
 * without asking, and it unlinked a phone and wiped the daemon's session keys; issue 11).
 * The Host must name this server (a loopback name, or the address the connection arrived
 * on) with its port, which stops DNS rebinding; an Origin, when a browser sends one, must be
 * this server's own. Clients that are not browsers send no Origin and are unaffected.
 */
final class SandboxRequestGuard {
    private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "[::1]");

    private SandboxRequestGuard() {
    }

    /** Null when the request may go on, else why it is refused. */
    static String refusal(String host, String origin, InetSocketAddress local) {
        if (host == null || !hostAllowed(host.toLowerCase(Locale.ROOT), local)) {
            return "Host header not allowed: the sandbox's test API answers only to its own address (DNS rebinding protection)";
        }
        if (origin != null && !origin.toLowerCase(Locale.ROOT).equals("http://" + host.toLowerCase(Locale.ROOT))) {
            return "Origin not allowed: web pages from other origins may not drive the sandbox";
        }
        return null;
    }

    private static boolean hostAllowed(String host, InetSocketAddress local) {
        int colon = host.lastIndexOf(':');
        if (colon <= 0 || host.indexOf(']') > colon) {
            return false; // the sandbox never runs on port 80: a Host without our port is not for us
        }
        String name = host.substring(0, colon);
        if (!host.substring(colon + 1).equals(Integer.toString(local.getPort()))) {
            return false;
        }
        if (LOOPBACK_NAMES.contains(name)) {
            return true;
        }
        String arrivedOn = local.getAddress().getHostAddress();
        return name.equals(arrivedOn) || name.equals("[" + arrivedOn + "]");
    }
}
