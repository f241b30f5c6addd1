package dev.wabridge.rpc.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One MCP tool as the daemon registers it. {@code requiredScope} is the token scope a caller
 * needs to see and call it.
 */
public record ToolDefinition(
        String name,
        String title,
        String description,
        ObjectNode inputSchema,
        ObjectNode outputSchema,
        ToolAnnotations annotations,
        String requiredScope,
        ToolHandler handler) {

    /** MCP 2025-11-25: 1-128 characters of A-Z a-z 0-9 _ - . */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    public ToolDefinition {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid tool name: " + name);
        }
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(inputSchema, "inputSchema");
        if (!"object".equals(inputSchema.path("type").asText())) {
            throw new IllegalArgumentException(name + ": an MCP input schema must have type object");
        }
        if (outputSchema != null && !"object".equals(outputSchema.path("type").asText())) {
            throw new IllegalArgumentException(name + ": an MCP output schema must have type object");
        }
        Objects.requireNonNull(annotations, "annotations");
        Objects.requireNonNull(requiredScope, "requiredScope");
        Objects.requireNonNull(handler, "handler");
    }
}
