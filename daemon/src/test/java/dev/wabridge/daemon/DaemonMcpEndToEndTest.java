package dev.wabridge.daemon;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The daemon as a user meets it: official MCP Java SDK client over Streamable HTTP, real sockets. */
class DaemonMcpEndToEndTest {
    /** The tools of the product documentation (shared PRODUCT-DOCS "Related Tools" + opt-out + credits). */
    static final Set<String> PRODUCT_TOOLS = Set.of(
            "send_whatsapp_message", "get_whatsapp_status", "get_whatsapp_health", "get_whatsapp_message_logs",
            "connect_whatsapp", "disconnect_whatsapp", "reconnect_whatsapp", "delete_whatsapp_session",
            "get_whatsapp_qr", "update_whatsapp_session", "get_whatsapp_conversation_history",
            "create_scheduled_message", "list_scheduled_messages", "cancel_scheduled_message",
            "list_whatsapp_templates", "save_as_whatsapp_template", "delete_whatsapp_template",
            "get_whatsapp_profile", "update_whatsapp_profile", "update_whatsapp_profile_picture",
            "list_whatsapp_optout", "add_whatsapp_optout", "remove_whatsapp_optout", "check_whatsapp_optout",
            "get_credits_info",
            // issue 9: for hosts that never show notifications to the model
            "wait_for_whatsapp_message",
            // archiving on its own, not only after a send (archive_after_send)
            "archive_whatsapp_chat");

    @TempDir
    Path dir;
    private DaemonFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = DaemonFixture.start(dir.resolve("data"), "transport", "carrier-pigeon");
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private McpSyncClient client(String token) {
        var transport = HttpClientStreamableHttpTransport.builder(fixture.baseUrl()).endpoint("/mcp")
                .addHttpRequestCustomizer((b, m, u, body, ctx) -> {
                    if (token != null) {
                        b.header("Authorization", "Bearer " + token);
                    }
                }).build();
        return McpClient.sync(transport).requestTimeout(Duration.ofSeconds(10))
                .enableCallToolSchemaCaching(true).build();
    }

    @Test
    void firstStartPrintsOneTokenAndWhereItListens() throws Exception {
        assertNotNull(fixture.token, fixture.output);
        assertTrue(fixture.output.contains("wabridge MCP endpoint: http://127.0.0.1:"), fixture.output);
        assertTrue(fixture.output.contains("wabridge MCP socket:"), fixture.output);
        // a second start with a token present prints none
        fixture.close();
        fixture = DaemonFixture.start(dir.resolve("data"));
        assertEquals(null, fixture.token, fixture.output);
    }

    @Test
    void initializeListsAllToolsAndCallsOne() {
        try (McpSyncClient client = client(fixture.token)) {
            McpSchema.InitializeResult init = client.initialize();
            assertEquals("wabridge", init.serverInfo().name());
            assertTrue(init.instructions().contains("session ids"));

            List<McpSchema.Tool> tools = client.listTools().tools();
            assertEquals(27, tools.size());
            assertEquals(new TreeSet<>(PRODUCT_TOOLS), new TreeSet<>(tools.stream().map(McpSchema.Tool::name).toList()));
            for (McpSchema.Tool t : tools) {
                assertNotNull(t.title(), t.name());
                assertFalse(t.description().isBlank(), t.name());
                assertEquals("object", t.inputSchema().get("type"), t.name());
                assertEquals("object", t.outputSchema().get("type"), t.name());
                assertNotNull(t.annotations().readOnlyHint(), t.name());
                assertNotNull(t.annotations().destructiveHint(), t.name());
                assertNotNull(t.annotations().idempotentHint(), t.name());
                assertNotNull(t.annotations().openWorldHint(), t.name());
                boolean reads = t.name().startsWith("get_") || t.name().startsWith("list_") || t.name().startsWith("check_")
                        || t.name().startsWith("wait_");
                assertEquals(reads, t.annotations().readOnlyHint(), t.name());
            }
            for (String destructive : List.of("delete_whatsapp_session", "delete_whatsapp_template", "remove_whatsapp_optout")) {
                assertTrue(tools.stream().filter(t -> t.name().equals(destructive)).findFirst().orElseThrow()
                        .annotations().destructiveHint(), destructive);
            }

            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("get_whatsapp_status", Map.of(), null));
            assertFalse(result.isError());
            assertEquals(Map.of("sessions", List.of()), result.structuredContent());

            // A transport this build does not have: the session tools say so plainly.
            McpSchema.CallToolResult connect = client.callTool(new McpSchema.CallToolRequest("connect_whatsapp", Map.of("label", "x"), null));
            assertTrue(connect.isError());
            assertTrue(((McpSchema.TextContent) connect.content().get(0)).text().contains("no WhatsApp transport named 'carrier-pigeon'"));

            McpSchema.CallToolResult bad = client.callTool(new McpSchema.CallToolRequest("get_whatsapp_status",
                    Map.of("session_id", "one"), null));
            assertTrue(bad.isError());
            assertTrue(((McpSchema.TextContent) bad.content().get(0)).text().contains("'session_id'"));
        }
    }

    @Test
    void noTokenIs401() {
        try (McpSyncClient client = client(null)) {
            RuntimeException e = assertThrows(RuntimeException.class, client::initialize);
            Throwable cause = e;
            while (cause != null && !(cause instanceof McpHttpClientTransportAuthorizationException)) {
                cause = cause.getCause();
            }
            assertEquals(401, assertInstanceOf(McpHttpClientTransportAuthorizationException.class, cause).getResponseInfo().statusCode());
        }
    }

    @Test
    void storeHoldsOnlyTheTokenHashInAnOwnerOnlyFile() throws Exception {
        Path db = fixture.dataDir.resolve("wabridge.db");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(db)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fixture.dataDir)));
        byte[] expected = java.security.MessageDigest.getInstance("SHA-256").digest(fixture.token.getBytes());
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.createStatement().executeQuery("SELECT name, token_hash, scopes FROM api_tokens")) {
            assertTrue(rs.next());
            assertEquals("default", rs.getString(1));
            assertEquals(HexFormat.of().formatHex(expected), HexFormat.of().formatHex(rs.getBytes(2)));
            assertEquals("read,send,admin", rs.getString(3));
            assertFalse(rs.next());
        }
        byte[] file = Files.readAllBytes(db);
        byte[] wal = Files.exists(Path.of(db + "-wal")) ? Files.readAllBytes(Path.of(db + "-wal")) : new byte[0];
        String all = new String(file, java.nio.charset.StandardCharsets.ISO_8859_1) + new String(wal, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertFalse(all.contains(fixture.token), "the plain token must not be stored");
    }
}
