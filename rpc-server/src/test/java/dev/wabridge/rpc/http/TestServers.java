package dev.wabridge.rpc.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wabridge.rpc.auth.Principal;
import dev.wabridge.rpc.auth.TokenAuthenticator;
import dev.wabridge.rpc.mcp.ServerInfo;
import dev.wabridge.rpc.tools.ToolAnnotations;
import dev.wabridge.rpc.tools.ToolDefinition;
import dev.wabridge.rpc.tools.ToolException;
import dev.wabridge.rpc.tools.ToolRegistry;
import dev.wabridge.rpc.tools.ToolResult;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A small tool set and two tokens to exercise the MCP server without the daemon. */
final class TestServers {
    static final String READER_TOKEN = "tok-reader-0123456789";
    static final String ADMIN_TOKEN = "tok-admin-0123456789";
    static final String SEND_ONLY_TOKEN = "tok-send-0123456789";
    static final ObjectMapper MAPPER = new ObjectMapper();

    private TestServers() {
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static ToolRegistry registry() {
        return ToolRegistry.builder()
                .add(new ToolDefinition("echo", "Echo", "Repeats a text.",
                        json("""
                                {"type":"object","properties":{
                                  "text":{"type":"string","maxLength":100},
                                  "times":{"type":"integer","minimum":1,"maximum":5}},
                                 "required":["text"],"additionalProperties":false}"""),
                        json("""
                                {"type":"object","properties":{"echoed":{"type":"string"}},"required":["echoed"]}"""),
                        ToolAnnotations.read(false), "read", call -> {
                            String text = call.arguments().get("text").asText();
                            int times = call.arguments().path("times").asInt(1);
                            ObjectNode out = MAPPER.createObjectNode().put("echoed", text.repeat(times));
                            return ToolResult.ok("Echoed " + times + " time(s)", out);
                        }))
                .add(new ToolDefinition("count", "Count", "Counts to n, reporting progress.",
                        json("""
                                {"type":"object","properties":{"n":{"type":"integer","minimum":1,"maximum":10}},"required":["n"]}"""),
                        json("""
                                {"type":"object","properties":{"count":{"type":"integer"}},"required":["count"]}"""),
                        ToolAnnotations.read(false), "read", call -> {
                            int n = call.arguments().get("n").asInt();
                            for (int i = 1; i <= n; i++) {
                                call.progress().report(i, (double) n, "step " + i);
                            }
                            return ToolResult.ok("Counted to " + n, MAPPER.createObjectNode().put("count", n));
                        }))
                .add(new ToolDefinition("wipe", "Wipe", "Deletes everything (admin only).",
                        json("{\"type\":\"object\"}"),
                        json("""
                                {"type":"object","properties":{"wiped":{"type":"boolean"}},"required":["wiped"]}"""),
                        ToolAnnotations.destructive(true, false), "admin",
                        call -> ToolResult.ok("Wiped", MAPPER.createObjectNode().put("wiped", true))))
                .add(new ToolDefinition("refuse", "Refuse", "Always refuses with a reason.",
                        json("{\"type\":\"object\"}"), null,
                        ToolAnnotations.read(false), "read", call -> {
                            throw new ToolException("Refused: nothing to do");
                        }))
                .add(new ToolDefinition("explode", "Explode", "Throws an unexpected exception.",
                        json("{\"type\":\"object\"}"), null,
                        ToolAnnotations.read(false), "read", call -> {
                            throw new IllegalStateException("secret internal detail");
                        }))
                .add(new ToolDefinition("wrong_output", "Wrong output", "Returns a result that breaks its schema.",
                        json("{\"type\":\"object\"}"),
                        json("""
                                {"type":"object","properties":{"n":{"type":"integer"}},"required":["n"]}"""),
                        ToolAnnotations.read(false), "read",
                        call -> ToolResult.ok("bad", MAPPER.createObjectNode().put("n", "not a number"))))
                .add(new ToolDefinition("slow", "Slow", "Takes 300 ms.", json("{\"type\":\"object\"}"), null,
                        ToolAnnotations.read(false), "read", call -> {
                            try {
                                Thread.sleep(300);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return ToolResult.ok("slept", null);
                        }))
                .build();
    }

    /** Tokens compared by hash in constant time, as the daemon does. */
    static TokenAuthenticator authenticator() {
        Map<String, Principal> byToken = Map.of(
                READER_TOKEN, new Principal("reader", Set.of("read")),
                ADMIN_TOKEN, new Principal("admin", Set.of("read", "admin")),
                SEND_ONLY_TOKEN, new Principal("sender", Set.of("send")));
        return token -> {
            Optional<Principal> found = Optional.empty();
            for (var e : byToken.entrySet()) {
                if (MessageDigest.isEqual(e.getKey().getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
                    found = Optional.of(e.getValue());
                }
            }
            return found;
        };
    }

    static McpServer start(McpServerConfig config) throws Exception {
        return new McpServer(config, registry(),
                new ServerInfo("test-server", "Test server", "1.0", "Use echo."), authenticator(), MAPPER).start();
    }

    static McpServerConfig config(Path unixSocket) {
        return McpServerConfig.loopbackDefaults(0, unixSocket).withStrictOutputSchemas(true);
    }
}
