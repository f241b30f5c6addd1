package dev.wabridge.daemon.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wabridge.rpc.tools.ToolAnnotations;
import dev.wabridge.rpc.tools.ToolDefinition;
import dev.wabridge.rpc.tools.ToolHandler;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The product's MCP tools. Names, descriptions, schemas, annotations and scopes are data
 * (tools.json, written from the product documentation); this class binds each to its
 * handler and refuses to start when a tool has no handler or a handler has no tool.
 */
public final class ToolCatalog {
    private static final String RESOURCE = "/dev/wabridge/daemon/tools/tools.json";

    /** One tool's description as read from tools.json. */
    public record ToolSpec(String name, String title, String description, String scope,
                           ObjectNode inputSchema, ObjectNode outputSchema, ToolAnnotations annotations) {
    }

    private ToolCatalog() {
    }

    public static List<ToolSpec> specs(ObjectMapper mapper) {
        try (InputStream in = ToolCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE);
            }
            JsonNode root = mapper.readTree(in);
            List<ToolSpec> specs = new ArrayList<>();
            for (JsonNode t : root.get("tools")) {
                specs.add(new ToolSpec(t.get("name").asText(), t.get("title").asText(), t.get("description").asText(),
                        t.get("scope").asText(), (ObjectNode) t.get("inputSchema"), (ObjectNode) t.get("outputSchema"),
                        annotations(t.get("annotations"))));
            }
            return specs;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    private static ToolAnnotations annotations(JsonNode a) {
        boolean idempotent = a.get("idempotent").asBoolean();
        boolean openWorld = a.get("openWorld").asBoolean();
        return switch (a.get("kind").asText()) {
            case "read" -> ToolAnnotations.read(openWorld);
            case "write" -> ToolAnnotations.write(idempotent, openWorld);
            case "destructive" -> ToolAnnotations.destructive(idempotent, openWorld);
            default -> throw new IllegalStateException("unknown annotation kind " + a);
        };
    }

    /** Binds every spec to its handler; both sides must match exactly. */
    public static List<ToolDefinition> bind(List<ToolSpec> specs, Map<String, ToolHandler> handlers) {
        Map<String, ToolHandler> remaining = new LinkedHashMap<>(handlers);
        List<ToolDefinition> definitions = new ArrayList<>();
        for (ToolSpec s : specs) {
            ToolHandler handler = remaining.remove(s.name());
            if (handler == null) {
                throw new IllegalStateException("no handler for tool " + s.name());
            }
            definitions.add(new ToolDefinition(s.name(), s.title(), s.description(), s.inputSchema(), s.outputSchema(),
                    s.annotations(), s.scope(), handler));
        }
        if (!remaining.isEmpty()) {
            throw new IllegalStateException("handlers without a tool: " + remaining.keySet());
        }
        return definitions;
    }
}
