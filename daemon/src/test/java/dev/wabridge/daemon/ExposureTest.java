package dev.wabridge.daemon;

import dev.wabridge.daemon.config.ConfigException;
import dev.wabridge.daemon.config.DaemonConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 11, item 8: a non-loopback mcp.host must be asked for (mcp.allow_remote) and come with
 * the Host names clients use; the daemon then warns toward a TLS-terminating proxy and prints
 * a URL one can connect to; another machine claiming "Host: 127.0.0.1:PORT" is refused.
 */
class ExposureTest {
    static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\"}}";

    @TempDir
    Path dir;

    private static DaemonConfig config(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return DaemonConfig.load(null, p);
    }

    @Test
    void listeningBeyondLoopbackMustBeAskedForWithItsHostNames() {
        ConfigException silent = assertThrows(ConfigException.class, () -> config("mcp.host", "0.0.0.0"));
        assertTrue(silent.getMessage().contains("mcp.allow_remote = true"), silent.getMessage());
        assertTrue(silent.getMessage().contains("TLS-terminating reverse proxy"), silent.getMessage());
        ConfigException noHosts = assertThrows(ConfigException.class, () -> config("mcp.host", "::", "mcp.allow_remote", "true"));
        assertTrue(noHosts.getMessage().contains("mcp.allowed_hosts"), noHosts.getMessage());
        assertThrows(ConfigException.class, () -> config("mcp.host", "192.0.2.10", "mcp.allow_remote", "maybe", "mcp.allowed_hosts", "x"));
        config("mcp.host", "127.0.0.1");
        config("mcp.host", "0.0.0.0", "mcp.port", "-1"); // no TCP at all
        config("mcp.host", "0.0.0.0", "mcp.allow_remote", "true", "mcp.allowed_hosts", "wabridge.example.com");
    }

    @Test
    void remoteListeningWarnsPrintsAUsableUrlAndRefusesALoopbackHostFromAnotherMachine() throws Exception {
        try (DaemonFixture fx = DaemonFixture.start(dir.resolve("data"), "mcp.host", "0.0.0.0", "mcp.allow_remote", "true",
                "mcp.allowed_hosts", "wabridge.test")) {
            int port = fx.daemon.server().tcpAddress().getPort();
            String url = fx.output.lines().filter(l -> l.startsWith("wabridge MCP endpoint: ")).findFirst().orElseThrow()
                    .substring("wabridge MCP endpoint: ".length());
            assertEquals(URI.create("http://127.0.0.1:" + port + "/mcp"), URI.create(url), fx.output);
            assertTrue(fx.output.contains("TLS-terminating reverse proxy"), fx.output);

            String auth = "Authorization: Bearer " + fx.token;
            InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", port);
            assertEquals(200, RawHttp.post(loopback, "/mcp", "application/json", INIT, "Host: 127.0.0.1:" + port, auth));
            assertEquals(403, RawHttp.post(loopback, "/mcp", "application/json", INIT, "Host: 127.0.0.1:" + (port + 1), auth),
                    "the wrong port");
            assertEquals(403, RawHttp.post(loopback, "/mcp", "application/json", INIT, "Host: evil.example:" + port, auth),
                    "the wrong name");

            Optional<InetAddress> lan = nonLoopbackAddress();
            assumeTrue(lan.isPresent(), "this machine has no non-loopback IPv4 address");
            InetSocketAddress fromOutside = new InetSocketAddress(lan.get(), port);
            assertEquals(403, RawHttp.post(fromOutside, "/mcp", "application/json", INIT, "Host: 127.0.0.1:" + port, auth),
                    "another machine claiming to be localhost");
            assertEquals(200, RawHttp.post(fromOutside, "/mcp", "application/json", INIT, "Host: wabridge.test", auth),
                    "a configured name");
        }
    }

    @Test
    void thePrintedUrlIsOneToConnectTo() {
        assertEquals("http://127.0.0.1:7480/mcp", EndpointUrl.of(new InetSocketAddress("0.0.0.0", 7480), "/mcp"));
        assertEquals("http://127.0.0.1:7480/mcp", EndpointUrl.of(new InetSocketAddress("::", 7480), "/mcp"));
        assertEquals("http://[0:0:0:0:0:0:0:1]:7480/mcp", EndpointUrl.of(new InetSocketAddress("::1", 7480), "/mcp"));
        assertEquals("http://192.0.2.10:7480/mcp", EndpointUrl.of(new InetSocketAddress("192.0.2.10", 7480), "/mcp"));
        URI.create(EndpointUrl.of(new InetSocketAddress("2001:db8::1", 7480), "/mcp")); // valid
    }

    /** An address of this machine that is not loopback: connecting to it comes from a non-loopback peer. */
    private static Optional<InetAddress> nonLoopbackAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.empty();
    }
}
