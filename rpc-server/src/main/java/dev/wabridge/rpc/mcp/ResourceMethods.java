package dev.wabridge.rpc.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wabridge.rpc.jsonrpc.JsonRpcErrorCode;
import dev.wabridge.rpc.jsonrpc.JsonRpcException;
import dev.wabridge.rpc.resources.ResourceContents;
import dev.wabridge.rpc.resources.ResourceDescriptor;
import dev.wabridge.rpc.resources.ResourceProvider;
import dev.wabridge.rpc.resources.ResourceTemplateDescriptor;

import java.util.Optional;

/**
 * The resources methods of MCP over a {@link ResourceProvider}: list, templates, read, and
 * (2025-11-25) subscribe/unsubscribe. Split from the dispatcher so it stays about routing.
 */
final class ResourceMethods {
    private final ResourceProvider provider;
    private final ObjectMapper mapper;

    ResourceMethods(ResourceProvider provider, ObjectMapper mapper) {
        this.provider = provider;
        this.mapper = mapper;
    }

    boolean offersResources() {
        return provider != ResourceProvider.NONE;
    }

    ObjectNode list(CallContext context) {
        ObjectNode result = mapper.createObjectNode();
        ArrayNode resources = result.putArray("resources");
        for (ResourceDescriptor r : provider.list(context.principal())) {
            ObjectNode n = resources.addObject().put("uri", r.uri()).put("name", r.name());
            putIfPresent(n, "title", r.title());
            putIfPresent(n, "description", r.description());
            putIfPresent(n, "mimeType", r.mimeType());
        }
        return result;
    }

    ObjectNode templates(CallContext context) {
        ObjectNode result = mapper.createObjectNode();
        ArrayNode templates = result.putArray("resourceTemplates");
        for (ResourceTemplateDescriptor t : provider.templates(context.principal())) {
            ObjectNode n = templates.addObject().put("uriTemplate", t.uriTemplate()).put("name", t.name());
            putIfPresent(n, "title", t.title());
            putIfPresent(n, "description", t.description());
            putIfPresent(n, "mimeType", t.mimeType());
        }
        return result;
    }

    ObjectNode read(ObjectNode params, CallContext context) throws JsonRpcException {
        String uri = uri(params, "resources/read");
        Optional<ResourceContents> contents = provider.read(uri, context.principal());
        if (contents.isEmpty()) {
            throw notFound(uri, context, mapper);
        }
        ObjectNode result = mapper.createObjectNode();
        ResourceContents c = contents.get();
        result.putArray("contents").addObject().put("uri", c.uri()).put("mimeType", c.mimeType()).put("text", c.text());
        return result;
    }

    ObjectNode subscribe(ObjectNode params, CallContext context, boolean on) throws JsonRpcException {
        String uri = uri(params, on ? "resources/subscribe" : "resources/unsubscribe");
        if (on) {
            if (!provider.readable(uri, context.principal())) {
                throw notFound(uri, context, mapper);
            }
            context.subscriptions().subscribe(uri);
        } else {
            context.subscriptions().unsubscribe(uri);
        }
        return mapper.createObjectNode();
    }

    private static String uri(ObjectNode params, String method) throws JsonRpcException {
        JsonNode uri = params.get("uri");
        if (uri == null || !uri.isTextual()) {
            throw new JsonRpcException(JsonRpcErrorCode.INVALID_PARAMS, "Invalid params: " + method + " needs a string \"uri\"");
        }
        return uri.asText();
    }

    /** 2025-11-25 and earlier answer an unknown resource with -32002; 2026-07-28 with -32602 (SEP-2164). */
    private static JsonRpcException notFound(String uri, CallContext context, ObjectMapper mapper) {
        String message = "Resource not found: " + uri + " (resources/list and resources/templates/list show what this token may read)";
        // The error names the URI in "data" (SEP-2164 SHOULD; harmless for older clients).
        JsonNode data = mapper.createObjectNode().put("uri", uri);
        return new JsonRpcException(context.stateless() ? JsonRpcErrorCode.INVALID_PARAMS : JsonRpcErrorCode.RESOURCE_NOT_FOUND,
                message, null, data);
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
