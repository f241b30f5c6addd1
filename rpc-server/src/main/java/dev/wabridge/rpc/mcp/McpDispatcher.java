package dev.wabridge.rpc.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wabridge.rpc.jsonrpc.JsonRpcErrorCode;
import dev.wabridge.rpc.jsonrpc.JsonRpcException;
import dev.wabridge.rpc.resources.ResourceProvider;
import dev.wabridge.rpc.tools.ToolAnnotations;
import dev.wabridge.rpc.tools.ToolCall;
import dev.wabridge.rpc.tools.ToolDefinition;
import dev.wabridge.rpc.tools.ToolException;
import dev.wabridge.rpc.tools.ToolRegistry;
import dev.wabridge.rpc.tools.ToolResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * MCP methods over a tool registry, independent of HTTP and of MCP sessions: the transport
 * layer decides where a request came from and hands over the method, params and caller.
 */
public final class McpDispatcher {
    private static final Logger log = LoggerFactory.getLogger(McpDispatcher.class);

    private final ToolRegistry registry;
    private final ServerInfo serverInfo;
    private final ObjectMapper mapper;
    private final int pageSize;
    private final boolean strictOutput;
    private final ResourceMethods resources;
    private final StatelessResults stateless;

    /**
     * @param strictOutput when true a structured result that does not match the tool's output
     *                     schema is turned into an error (tests); otherwise it is logged
     */
    public McpDispatcher(ToolRegistry registry, ServerInfo serverInfo, ObjectMapper mapper, int pageSize, boolean strictOutput) {
        this(registry, ResourceProvider.NONE, serverInfo, mapper, pageSize, strictOutput);
    }

    public McpDispatcher(ToolRegistry registry, ResourceProvider resources, ServerInfo serverInfo, ObjectMapper mapper,
                         int pageSize, boolean strictOutput) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be positive");
        }
        this.registry = registry;
        this.serverInfo = serverInfo;
        this.mapper = mapper;
        this.pageSize = pageSize;
        this.strictOutput = strictOutput;
        this.resources = new ResourceMethods(resources, mapper);
        this.stateless = new StatelessResults(serverInfo);
    }

    /** The negotiated revision and the result to send for an initialize request. */
    public record Initialized(String protocolVersion, JsonNode clientInfo, ObjectNode result) {
    }

    public Initialized initialize(ObjectNode params) throws JsonRpcException {
        JsonNode requested = params.get("protocolVersion");
        if (requested == null || !requested.isTextual()) {
            throw new JsonRpcException(JsonRpcErrorCode.INVALID_PARAMS, "Invalid params: initialize needs a string \"protocolVersion\"");
        }
        String version = McpProtocol.negotiate(requested.asText());
        ObjectNode result = mapper.createObjectNode();
        result.put("protocolVersion", version);
        ObjectNode capabilities = result.putObject("capabilities");
        capabilities.putObject("tools").put("listChanged", false);
        capabilities.putObject("logging");
        if (resources.offersResources()) {
            capabilities.putObject("resources").put("subscribe", true).put("listChanged", false);
        }
        ObjectNode info = result.putObject("serverInfo");
        info.put("name", serverInfo.name());
        info.put("title", serverInfo.title());
        info.put("version", serverInfo.version());
        if (serverInfo.instructions() != null) {
            result.put("instructions", serverInfo.instructions());
        }
        return new Initialized(version, params.get("clientInfo"), result);
    }

    /**
     * Answers one request other than initialize. Each revision has its own method set: a
     * stateless request for a method 2026-07-28 removed is "not found", like an unknown one.
     */
    public JsonNode dispatch(String method, ObjectNode params, CallContext context) throws JsonRpcException {
        boolean exists = context.stateless() ? !McpProtocol.REMOVED_IN_STATELESS.contains(method)
                : !McpProtocol.STATELESS_ONLY.contains(method);
        if (!exists) {
            throw new JsonRpcException(JsonRpcErrorCode.METHOD_NOT_FOUND, "Method not found: " + method
                    + (context.stateless() ? " (removed in MCP " + McpProtocol.STATELESS.getFirst() + ")" : ""));
        }
        ObjectNode result = switch (method) {
            case "ping" -> mapper.createObjectNode();
            case "server/discover" -> discover();
            case "tools/list" -> listTools(params, context);
            case "tools/call" -> callTool(params, context);
            case "logging/setLevel" -> setLevel(params, context);
            case "resources/list" -> requireResources(method).list(context);
            case "resources/templates/list" -> requireResources(method).templates(context);
            case "resources/read" -> requireResources(method).read(params, context);
            case "resources/subscribe" -> requireResources(method).subscribe(params, context, true);
            case "resources/unsubscribe" -> requireResources(method).subscribe(params, context, false);
            case "initialize" -> throw new JsonRpcException(JsonRpcErrorCode.INVALID_REQUEST,
                    "Invalid Request: initialize is sent once, without an Mcp-Session-Id");
            default -> throw new JsonRpcException(JsonRpcErrorCode.METHOD_NOT_FOUND, "Method not found: " + method);
        };
        return context.stateless() ? stateless.decorate(method, result) : result;
    }

    private ResourceMethods requireResources(String method) throws JsonRpcException {
        if (!resources.offersResources()) {
            throw new JsonRpcException(JsonRpcErrorCode.METHOD_NOT_FOUND, "Method not found: " + method + " (this server has no resources)");
        }
        return resources;
    }

    /**
     * server/discover (2026-07-28): every revision this endpoint answers and the exact
     * capabilities of the stateless one. No logging capability there: a stateless request gets
     * log messages only when it names a level, and no method here logs, so it is not offered.
     * Resource updates are offered through subscriptions/listen ("subscribe").
     */
    private ObjectNode discover() {
        ObjectNode result = mapper.createObjectNode();
        ArrayNode versions = result.putArray("supportedVersions");
        McpProtocol.allRevisions().forEach(versions::add);
        ObjectNode capabilities = result.putObject("capabilities");
        capabilities.putObject("tools").put("listChanged", false);
        if (resources.offersResources()) {
            capabilities.putObject("resources").put("subscribe", true).put("listChanged", false);
        }
        if (serverInfo.instructions() != null) {
            result.put("instructions", serverInfo.instructions());
        }
        return result;
    }

    private ObjectNode setLevel(ObjectNode params, CallContext context) throws JsonRpcException {
        String level = params.path("level").asText(null);
        if (level == null || !McpProtocol.LOG_LEVELS.contains(level)) {
            throw new JsonRpcException(JsonRpcErrorCode.INVALID_PARAMS,
                    "Invalid params: \"level\" must be one of " + McpProtocol.LOG_LEVELS);
        }
        context.logLevelSetter().accept(level);
        return mapper.createObjectNode();
    }

    private ObjectNode listTools(ObjectNode params, CallContext context) throws JsonRpcException {
        List<ToolRegistry.RegisteredTool> visible = registry.all().stream()
                .filter(t -> context.principal().has(t.definition().requiredScope()))
                .toList();
        int offset = decodeCursor(params.get("cursor"));
        if (offset > visible.size()) {
            throw new JsonRpcException(JsonRpcErrorCode.INVALID_PARAMS, "Invalid params: cursor is past the end of the list");
        }
        int end = Math.min(visible.size(), offset + pageSize);
        ObjectNode result = mapper.createObjectNode();
        ArrayNode tools = result.putArray("tools");
        for (ToolRegistry.RegisteredTool tool : visible.subList(offset, end)) {
            tools.add(describe(tool.definition()));
        }
        if (end < visible.size()) {
            result.put("nextCursor", encodeCursor(end));
        }
        return result;
    }

    private ObjectNode describe(ToolDefinition d) {
        ObjectNode tool = mapper.createObjectNode();
        tool.put("name", d.name());
        if (d.title() != null) {
            tool.put("title", d.title());
        }
        tool.put("description", d.description());
        tool.set("inputSchema", d.inputSchema());
        if (d.outputSchema() != null) {
            tool.set("outputSchema", d.outputSchema());
        }
        ToolAnnotations a = d.annotations();
        ObjectNode annotations = tool.putObject("annotations");
        if (d.title() != null) {
            annotations.put("title", d.title());
        }
        annotations.put("readOnlyHint", a.readOnly());
        annotations.put("destructiveHint", a.destructive());
        annotations.put("idempotentHint", a.idempotent());
        annotations.put("openWorldHint", a.openWorld());
        return tool;
    }

    private ObjectNode callTool(ObjectNode params, CallContext context) throws JsonRpcException {
        JsonNode nameNode = params.get("name");
        if (nameNode == null || !nameNode.isTextual()) {
            throw new JsonRpcException(JsonRpcErrorCode.INVALID_PARAMS, "Invalid params: tools/call needs a string \"name\"");
        }
        String name = nameNode.asText();
        ToolRegistry.RegisteredTool tool = registry.find(name).orElseThrow(() -> new JsonRpcException(
                JsonRpcErrorCode.INVALID_PARAMS, "Unknown tool: " + name + " (tools/list shows the tools this token may call)"));
        JsonNode argumentsNode = params.get("arguments");
        ObjectNode arguments;
        if (argumentsNode == null || argumentsNode.isNull()) {
            arguments = mapper.createObjectNode();
        } else if (argumentsNode.isObject()) {
            arguments = (ObjectNode) argumentsNode;
        } else {
            return render(ToolResult.error("Invalid arguments for " + name + ": \"arguments\" must be an object"));
        }
        ToolDefinition definition = tool.definition();
        if (!context.principal().has(definition.requiredScope())) {
            return render(ToolResult.error("Forbidden: the token '" + context.principal().name() + "' lacks the '"
                    + definition.requiredScope() + "' scope that " + name
                    + " needs. Create a token with that scope (./wabridge token create NAME --scopes ...)."));
        }
        String violations = tool.input().violations(arguments);
        if (violations != null) {
            return render(ToolResult.error("Invalid arguments for " + name + ": " + violations));
        }
        ToolResult result;
        try {
            result = definition.handler().handle(new ToolCall(name, arguments, context.principal(), context.progress()));
        } catch (ToolException e) {
            result = ToolResult.error(e.getMessage());
        } catch (RuntimeException e) {
            String reference = UUID.randomUUID().toString().substring(0, 8);
            log.error("tool {} failed unexpectedly (reference {})", name, reference, e);
            result = ToolResult.error("Internal error in " + name + " (reference " + reference
                    + "; the daemon log has the details). Nothing was changed unless the tool's result says so.");
        }
        if (!result.isError() && tool.output() != null) {
            String outputViolations = result.structured() == null ? "structuredContent is missing"
                    : tool.output().violations(result.structured());
            if (outputViolations != null) {
                log.error("tool {} returned a result that does not match its output schema: {}", name, outputViolations);
                if (strictOutput) {
                    result = ToolResult.error("Internal error in " + name + ": result does not match the output schema: " + outputViolations);
                }
            }
        }
        return render(result);
    }

    private ObjectNode render(ToolResult result) {
        ObjectNode node = mapper.createObjectNode();
        ArrayNode content = node.putArray("content");
        content.addObject().put("type", "text").put("text", result.summary());
        if (result.structured() != null) {
            // MCP: a tool returning structured content SHOULD also return it serialized in a text block.
            content.addObject().put("type", "text").put("text", result.structured().toString());
            node.set("structuredContent", result.structured());
        }
        for (ToolResult.ExtraContent extra : result.extra()) {
            content.addObject().put("type", extra.type()).put("data", extra.base64Data()).put("mimeType", extra.mimeType());
        }
        node.put("isError", result.isError());
        return node;
    }

    private static String encodeCursor(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + offset).getBytes(StandardCharsets.US_ASCII));
    }

    private static int decodeCursor(JsonNode cursor) throws JsonRpcException {
        if (cursor == null || cursor.isNull()) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor.asText()), StandardCharsets.US_ASCII);
            if (!decoded.startsWith("offset:")) {
                throw new IllegalArgumentException();
            }
            int offset = Integer.parseInt(decoded.substring("offset:".length()));
            if (offset < 0) {
                throw new IllegalArgumentException();
            }
            return offset;
        } catch (IllegalArgumentException e) {
            throw new JsonRpcException(JsonRpcErrorCode.INVALID_PARAMS, "Invalid params: unknown cursor; pass the nextCursor of a previous tools/list");
        }
    }
}
