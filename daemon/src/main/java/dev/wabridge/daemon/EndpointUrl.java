package dev.wabridge.daemon;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The endpoint URL to print: one a client on this machine can paste. Bound to every address
 * (0.0.0.0, ::) the URL names loopback, since "http://0.0.0.0:7480/mcp" is no address to
 * connect to; an IPv6 address gets its brackets.
 */
final class EndpointUrl {
    private EndpointUrl() {
    }

    static String of(InetSocketAddress bound, String path) {
        InetAddress address = bound.getAddress();
        String host;
        if (address == null) {
            host = bound.getHostString();
        } else if (address.isAnyLocalAddress()) {
            host = "127.0.0.1";
        } else if (address instanceof Inet6Address) {
            String literal = address.getHostAddress();
            int zone = literal.indexOf('%');
            host = "[" + (zone < 0 ? literal : literal.substring(0, zone)) + "]";
        } else {
            host = address.getHostAddress();
        }
        return "http://" + host + ":" + bound.getPort() + path;
    }
}
