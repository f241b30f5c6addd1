package dev.wabridge.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wabridge.daemon.scripted.ScriptedNetwork;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.wabridge.testkit.Eventually.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every tool, driven from its own schema in tools.json: called without its required
 * arguments, with each argument of the wrong type, with 1 MB strings, with SQL and other
 * hostile text in checked fields, with bad dates and unknown or out-of-range ids. Each call
 * must be an isError result with a message, and the SQLite store must be byte-for-byte the
 * same afterwards (every table compared).
 */
class BadInputTest {
    static final String SQL = "1'; DROP TABLE outbox; --";
    static final String MEGABYTE = "x".repeat(1_000_000);
    /** Free text is stored as given (checked separately); everything else is validated. */
    static final List<String> FREE_TEXT = List.of("label", "message", "message_text", "name", "category", "body", "reason",
            "status", "description");

    @TempDir
    Path dir;
    DaemonFixture fx;
    McpTestClient mcp;
    JsonNode tools;

    @BeforeEach
    void start() throws Exception {
        ScriptedNetwork.reset();
        fx = DaemonFixture.start(dir.resolve("data"), "transport", "scripted");
        mcp = new McpTestClient(fx.baseUrl(), fx.token);
        McpTestClient.Result r = mcp.ok("connect_whatsapp", "label", "Main");
        ScriptedNetwork.scan(r.get("qr").asText(), "+34611111111");
        until("connected", () -> "connected".equals(Db.one(fx.database(), "SELECT status FROM sessions").get("status")));
        try (InputStream in = getClass().getResourceAsStream("/dev/wabridge/daemon/tools/tools.json")) {
            tools = new ObjectMapper().readTree(in).get("tools");
        }
    }

    @AfterEach
    void stop() {
        mcp.close();
        fx.close();
    }

    /** A valid value per argument name, to isolate the one bad argument. */
    static Object valid(String tool, String arg) {
        return switch (arg) {
            case "session_id", "id" -> 1;
            case "phone" -> "+34600000001";
            case "scheduled_at" -> Instant.now().plusSeconds(3600).toString();
            case "direction" -> "all";
            case "status" -> tool.equals("list_scheduled_messages") ? "pending" : "Online";
            case "limit", "hours", "wait_seconds" -> 1;
            case "offset" -> 0;
            default -> "ok";
        };
    }

    static Object wrongType(JsonNode schema) {
        String type = schema.path("type").isArray() ? schema.path("type").get(0).asText() : schema.path("type").asText();
        return switch (type) {
            case "integer", "number" -> "12abc";
            case "boolean" -> "yes";
            case "object" -> List.of(1, 2);
            default -> Map.of("nested", true);
        };
    }

    record Case(String tool, Map<String, Object> args, String why) {
    }

    List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (JsonNode tool : tools) {
            String name = tool.get("name").asText();
            JsonNode props = tool.at("/inputSchema/properties");
            List<String> required = new ArrayList<>();
            tool.at("/inputSchema/required").forEach(r -> required.add(r.asText()));
            Map<String, Object> base = new LinkedHashMap<>();
            required.forEach(r -> base.put(r, valid(name, r)));
            if (!required.isEmpty()) {
                cases.add(new Case(name, Map.of(), "missing " + required));
            }
            cases.add(new Case(name, with(base, "no_such_argument", 1), "unknown argument"));
            for (Map.Entry<String, JsonNode> p : props.properties()) {
                String arg = p.getKey();
                JsonNode schema = p.getValue();
                cases.add(new Case(name, with(base, arg, wrongType(schema)), "wrong type " + arg));
                String type = schema.path("type").asText();
                if (type.equals("string")) {
                    cases.add(new Case(name, with(base, arg, MEGABYTE), "1 MB " + arg));
                    if (!FREE_TEXT.contains(arg)) {
                        cases.add(new Case(name, with(base, arg, SQL), "SQL in " + arg));
                        cases.add(new Case(name, with(base, arg, "\u0000\u202e<script>"), "control characters in " + arg));
                    }
                }
                if (type.equals("integer")) {
                    cases.add(new Case(name, with(base, arg, -1), "negative " + arg));
                    cases.add(new Case(name, with(base, arg, 1L << 40), "huge " + arg));
                }
                if (arg.equals("session_id")) {
                    cases.add(new Case(name, with(base, arg, 999_999), "unknown session"));
                }
                if (arg.equals("id")) {
                    cases.add(new Case(name, with(base, arg, 424_242), "unknown id"));
                }
                if (arg.equals("scheduled_at")) {
                    for (String date : List.of("2026-02-30T10:00:00", "yesterday", "2020-01-01T00:00:00Z", "9999-99-99", "2026-03-05 09:00")) {
                        cases.add(new Case(name, with(base, arg, date), "bad date " + date));
                    }
                }
                if (arg.equals("phone")) {
                    for (String phone : List.of("600000000", "0034600000000", "+", "+34 600", "+1234567890123456")) {
                        cases.add(new Case(name, with(base, arg, phone), "bad phone " + phone));
                    }
                }
            }
        }
        return cases;
    }

    static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(base);
        m.put(key, value);
        return m;
    }

    @Test
    void everyToolRefusesBadArgumentsAndChangesNothing() {
        var before = Db.snapshot(fx.database());
        List<Case> cases = cases();
        List<String> accepted = new ArrayList<>();
        for (Case c : cases) {
            McpTestClient.Result r = mcp.call(c.tool(), c.args());
            if (!r.isError()) {
                accepted.add(c.tool() + ": " + c.why() + " -> " + r.text());
            } else {
                assertFalse(r.text().isBlank(), c.tool() + " " + c.why());
                assertFalse(r.text().contains("Exception"), "no stack traces: " + r.text());
            }
        }
        assertEquals(List.of(), accepted, "these bad calls were accepted");
        assertEquals(before, Db.snapshot(fx.database()), "the store is unchanged after " + cases.size() + " bad calls");
        assertTrue(cases.size() > 200, "cases: " + cases.size());
    }

    @Test
    void everyStringArgumentIsBounded() {
        for (JsonNode tool : tools) {
            tool.at("/inputSchema/properties").properties().forEach(p -> {
                if (p.getValue().path("type").asText().equals("string")) {
                    assertTrue(p.getValue().has("maxLength") || p.getValue().has("enum"), tool.get("name").asText() + "." + p.getKey());
                }
            });
        }
    }

    @Test
    void hostileFreeTextIsStoredVerbatimAndHarmless() {
        String name = "x'); DROP TABLE templates; --";
        String body = "Robert'); DELETE FROM optouts; -- {{name}} \u202e ✓";
        McpTestClient.Result saved = mcp.ok("save_as_whatsapp_template", "name", name, "category", "'OR'1'='1", "body", body);
        assertEquals(name, saved.get("name").asText());
        assertEquals(body, Db.one(fx.database(), "SELECT body FROM templates WHERE name = ?", name).get("body"));
        mcp.ok("update_whatsapp_session", "session_id", 1, "label", "\"; DROP TABLE sessions; --");
        assertEquals(1, Db.count(fx.database(), "SELECT count(*) FROM sessions"));
        assertEquals("\"; DROP TABLE sessions; --", Db.one(fx.database(), "SELECT label FROM sessions").get("label"));
        McpTestClient.Result sent = mcp.ok("send_whatsapp_message", "session_id", 1, "phone", "+34600000001", "template", name,
                "variables", Map.of("name", "'); DROP TABLE messages; --"));
        assertEquals("Robert'); DELETE FROM optouts; -- '); DROP TABLE messages; -- \u202e ✓",
                Db.one(fx.database(), "SELECT text FROM outbox WHERE id = ?", sent.get("outbox_id").asLong()).get("text"));
    }

    @Test
    void oversizedBodyIsRejectedBeforeParsing() {
        RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> mcp.client.callTool(new McpSchema.CallToolRequest("send_whatsapp_message",
                        Map.of("phone", "+34600000001", "message", "y".repeat(2_000_000)), null)));
        assertTrue(String.valueOf(e.getMessage()).contains("413") || String.valueOf(e.getCause()).contains("413"), e.toString());
        assertEquals(0, Db.count(fx.database(), "SELECT count(*) FROM outbox"));
    }
}
