package dev.wabridge.rpc.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The same endpoint over the Unix domain socket. */
class UnixSocketTest {
    @TempDir
    Path dir;
    private McpServer server;
    private Path socket;

    @BeforeEach
    void start() throws Exception {
        socket = dir.resolve("mcp.sock");
        Files.writeString(socket, "stale"); // a leftover from a crash must not stop the start
        server = TestServers.start(TestServers.config(socket));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Map<String, String> headers(String session) {
        Map<String, String> h = new HashMap<>();
        h.put("Content-Type", "application/json");
        h.put("Accept", "application/json, text/event-stream");
        h.put("Authorization", "Bearer " + TestServers.READER_TOKEN);
        if (session != null) {
            h.put("Mcp-Session-Id", session);
        }
        return h;
    }

    @Test
    void socketIsOwnerOnly() throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
    }

    @Test
    void initializeListAndCallOverTheSocket() throws Exception {
        RawHttp.Response init = RawHttp.unix(socket, "POST", "/mcp", headers(null), """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"u","version":"1"}}}""".getBytes());
        assertEquals(200, init.status(), init.body());
        String session = init.header("Mcp-Session-Id");
        assertEquals("2025-06-18", TestServers.MAPPER.readTree(init.body()).at("/result/protocolVersion").asText());

        RawHttp.Response list = RawHttp.unix(socket, "POST", "/mcp", headers(session),
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}".getBytes());
        assertEquals(200, list.status());
        assertEquals(6, TestServers.MAPPER.readTree(list.body()).at("/result/tools").size());

        RawHttp.Response call = RawHttp.unix(socket, "POST", "/mcp", headers(session),
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"hi\"}}}".getBytes());
        JsonNode result = TestServers.MAPPER.readTree(call.body()).get("result");
        assertEquals("hi", result.at("/structuredContent/echoed").asText());
    }

    @Test
    void socketStillNeedsAToken() throws Exception {
        Map<String, String> h = headers(null);
        h.remove("Authorization");
        RawHttp.Response r = RawHttp.unix(socket, "POST", "/mcp", h,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\"}}".getBytes());
        assertEquals(401, r.status());
        assertTrue(r.header("WWW-Authenticate").startsWith("Bearer"));
    }

    @Test
    void badOriginIsRefusedOnTheSocketToo() throws Exception {
        Map<String, String> h = headers(null);
        h.put("Origin", "http://evil.example.com");
        RawHttp.Response r = RawHttp.unix(socket, "POST", "/mcp", h,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\"}}".getBytes());
        assertEquals(403, r.status());
    }

    @Test
    void malformedHttpClosesOnlyThatConnection() throws Exception {
        try (var ch = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            ch.connect(java.net.UnixDomainSocketAddress.of(socket));
            ch.write(java.nio.ByteBuffer.wrap("\u0000\u0001garbage\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(4096);
            while (ch.read(buf) >= 0) {
                buf.clear();
            }
        }
        RawHttp.Response ok = RawHttp.unix(socket, "POST", "/mcp", headers(null),
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\"}}".getBytes());
        assertEquals(200, ok.status());
    }
}
