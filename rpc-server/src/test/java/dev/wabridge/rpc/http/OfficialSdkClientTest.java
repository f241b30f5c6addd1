package dev.wabridge.rpc.http;

import dev.wabridge.testkit.Eventually;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.McpHttpClientTransportAuthorizationException;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The official MCP Java SDK client against rpc-server over Streamable HTTP. */
class OfficialSdkClientTest {
    private McpServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServers.start(TestServers.config(null).withToolsPageSize(2));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private McpSyncClient client(String token, List<McpSchema.ProgressNotification> progress) {
        String base = "http://127.0.0.1:" + server.tcpAddress().getPort();
        var transport = HttpClientStreamableHttpTransport.builder(base).endpoint("/mcp")
                .addHttpRequestCustomizer((b, method, uri, body, ctx) -> {
                    if (token != null) {
                        b.header("Authorization", "Bearer " + token);
                    }
                })
                .build();
        return McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(10))
                .clientInfo(new McpSchema.Implementation("sdk-test", "1.0"))
                .progressConsumer(progress::add)
                .enableCallToolSchemaCaching(true) // the SDK then checks results against outputSchema
                .build();
    }

    @Test
    void initializeListAndCall() {
        try (McpSyncClient client = client(TestServers.ADMIN_TOKEN, new CopyOnWriteArrayList<>())) {
            McpSchema.InitializeResult init = client.initialize();
            assertEquals("2025-11-25", init.protocolVersion());
            assertEquals("test-server", init.serverInfo().name());

            McpSchema.ListToolsResult tools = client.listTools(); // follows nextCursor over 3 pages
            assertEquals(List.of("echo", "count", "wipe", "refuse", "explode", "wrong_output", "slow"),
                    tools.tools().stream().map(McpSchema.Tool::name).toList());
            McpSchema.Tool wipe = tools.tools().get(2);
            assertTrue(wipe.annotations().destructiveHint());
            assertFalse(wipe.annotations().readOnlyHint());

            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("echo", Map.of("text", "hey"), null));
            assertFalse(result.isError());
            assertEquals(Map.of("echoed", "hey"), result.structuredContent());
            assertEquals("Echoed 1 time(s)", ((McpSchema.TextContent) result.content().get(0)).text());

            McpSchema.CallToolResult bad = client.callTool(new McpSchema.CallToolRequest("echo", Map.of("text", 12), null));
            assertTrue(bad.isError());

            McpError unknown = assertThrows(McpError.class,
                    () -> client.callTool(new McpSchema.CallToolRequest("nope", Map.of(), null)));
            assertEquals(-32602, unknown.getJsonRpcError().code());

            client.ping();
        }
    }

    @Test
    void progressArrivesOverTheSseResponse() {
        List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
        try (McpSyncClient client = client(TestServers.ADMIN_TOKEN, progress)) {
            client.initialize();
            client.listTools();
            McpSchema.CallToolResult r = client.callTool(McpSchema.CallToolRequest.builder("count")
                    .arguments(Map.of("n", 4)).progressToken("tok-1").build());
            assertEquals(Map.of("count", 4), r.structuredContent());
            // The SDK hands notifications to the consumer asynchronously: wait, and ignore their order.
            Eventually.until("four progress notifications", () -> progress.size() >= 4);
            assertEquals(java.util.Set.of(1.0, 2.0, 3.0, 4.0),
                    progress.stream().map(McpSchema.ProgressNotification::progress).collect(java.util.stream.Collectors.toSet()));
        }
    }

    @Test
    void readerTokenSeesOnlyReadTools() {
        try (McpSyncClient client = client(TestServers.READER_TOKEN, new CopyOnWriteArrayList<>())) {
            client.initialize();
            assertFalse(client.listTools().tools().stream().anyMatch(t -> t.name().equals("wipe")));
        }
    }

    @Test
    void noTokenGets401() {
        try (McpSyncClient client = client(null, new CopyOnWriteArrayList<>())) {
            RuntimeException e = assertThrows(RuntimeException.class, client::initialize);
            Throwable cause = e;
            while (cause != null && !(cause instanceof McpHttpClientTransportAuthorizationException)) {
                cause = cause.getCause();
            }
            var auth = assertInstanceOf(McpHttpClientTransportAuthorizationException.class, cause, e.toString());
            assertEquals(401, auth.getResponseInfo().statusCode());
        }
    }
}
