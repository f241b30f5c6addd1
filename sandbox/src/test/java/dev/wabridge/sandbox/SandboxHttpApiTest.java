package dev.wabridge.sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11: paths with %2B (as docs/sandbox.md says to write a +) reach the phone (item 4),
 * and the test API takes /mcp's Host and Origin rules, so no web page can drive it (item 8).
 */
class SandboxHttpApiTest {
    SandboxServer sandbox;
    int port;

    @BeforeEach
    void start() throws Exception {
        sandbox = SandboxServer.create().start("127.0.0.1", 0);
        port = sandbox.port();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    /** The status line and body of one request, sent as written (java.net.http will not send Host or Origin). */
    private String request(String method, String path, String contentType, String body, String... headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        boolean hasHost = false;
        for (String h : headers) {
            head.append(h).append("\r\n");
            hasHost |= h.regionMatches(true, 0, "Host:", 0, 5);
        }
        if (!hasHost) {
            head.append("Host: 127.0.0.1:").append(port).append("\r\n");
        }
        head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(bytes.length)
                .append("\r\nConnection: close\r\n\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void anEncodedPlusReachesThePhone() throws Exception {
        assertTrue(request("GET", "/sandbox/phones/%2B34600000001/devices", "application/json", "").startsWith("HTTP/1.1 200"));
        assertTrue(request("GET", "/sandbox/phones/+34600000001/devices", "application/json", "").startsWith("HTTP/1.1 200"));
        assertTrue(request("GET", "/sandbox/phones/34600000001/devices", "application/json", "").startsWith("HTTP/1.1 200"));
        String device = request("POST", "/sandbox/devices/34600000001%3A1%40s.whatsapp.net/drop", "application/json", "");
        assertTrue(device.startsWith("HTTP/1.1 404") && device.contains("34600000001:1@s.whatsapp.net"), device);
    }

    @Test
    void theAppStateBlobFaultsAreSwitchedOverHttp() throws Exception {
        String on = request("POST", "/sandbox/faults/app-state-blobs", "application/json", "{\"external_mutations\": true, \"corrupt\": true}");
        assertTrue(on.startsWith("HTTP/1.1 200") && on.contains("\"media_downloads\":0"), on);
        String bad = request("POST", "/sandbox/faults/app-state-blobs", "application/json", "{\"corrupt\": \"yes\"}");
        assertTrue(bad.startsWith("HTTP/1.1 400"), bad);
        assertTrue(request("GET", "/mms/md-app-state/nothing?ccb=11-4", "application/octet-stream", "").startsWith("HTTP/1.1 404"));
    }

    @Test
    void thePhonesChatsShowWhatItArchived() throws Exception {
        String empty = request("GET", "/sandbox/phones/%2B34600000001/chats", "application/json", "");
        assertTrue(empty.startsWith("HTTP/1.1 200") && empty.contains("\"chats\":[]"), empty);
        String archived = request("POST", "/sandbox/phones/%2B34600000001/chats", "application/json",
                "{\"chat\": \"+34600000002\", \"archived\": true}");
        assertTrue(archived.startsWith("HTTP/1.1 200"), archived);
        String listed = request("GET", "/sandbox/phones/%2B34600000001/chats", "application/json", "");
        assertTrue(listed.contains("{\"jid\":\"34600000002@s.whatsapp.net\",\"archived\":true}")
                || listed.contains("{\"archived\":true,\"jid\":\"34600000002@s.whatsapp.net\"}"), listed);
        assertTrue(sandbox.phone("+34600000001").isArchived("+34600000002"));
        sandbox.phone("+34600000001").archive("+34600000002", false);
        assertTrue(!sandbox.phone("+34600000001").isArchived("+34600000002"));
        assertTrue(request("POST", "/sandbox/phones/%2B34600000001/chats", "application/json", "{}").startsWith("HTTP/1.1 400"));
    }

    @Test
    void aForeignOriginCannotDriveTheSandbox() throws Exception {
        String simple = request("POST", "/sandbox/phones/34600000001/unlink", "text/plain", "x", "Origin: http://evil.example");
        assertTrue(simple.startsWith("HTTP/1.1 403"), simple);
        assertTrue(simple.contains("Origin not allowed"), simple);
        assertTrue(request("POST", "/sandbox/faults/delay", "text/plain", "{\"ms\":5}", "Origin: null").startsWith("HTTP/1.1 403"));
        // its own origin, as a page served by the sandbox would send, and no Origin at all (curl, tests) are fine
        assertTrue(request("POST", "/sandbox/phones/34600000001/unlink", "application/json", "",
                "Origin: http://127.0.0.1:" + port).startsWith("HTTP/1.1 200"));
        assertTrue(request("POST", "/sandbox/phones/34600000001/unlink", "text/plain", "").startsWith("HTTP/1.1 200"));
    }

    @Test
    void theHostMustBeThisServer() throws Exception {
        assertTrue(request("GET", "/sandbox/info", "application/json", "", "Host: rebound.example:" + port).startsWith("HTTP/1.1 403"));
        assertTrue(request("GET", "/sandbox/info", "application/json", "", "Host: 127.0.0.1:" + (port + 1)).startsWith("HTTP/1.1 403"));
        assertTrue(request("GET", "/sandbox/info", "application/json", "", "Host: 127.0.0.1").startsWith("HTTP/1.1 403"));
        assertTrue(request("GET", "/sandbox/info", "application/json", "", "Host: localhost:" + port).startsWith("HTTP/1.1 200"));
        assertEquals(0, sandbox.pendingQrRefs());
    }
}
