package dev.wabridge.rpc.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * What a tool answers: a short human summary, the structured result (matching the tool's
 * output schema) and optional extra content blocks such as an image.
 *
 * <p>rpc-server renders it as MCP content: the summary as a text block, the structured JSON
 * again as a text block for clients that ignore structuredContent, then the extra blocks.
 */
public record ToolResult(String summary, ObjectNode structured, List<ExtraContent> extra, boolean isError) {

    public ToolResult {
        extra = List.copyOf(extra);
    }

    public static ToolResult ok(String summary, ObjectNode structured) {
        return new ToolResult(summary, structured, List.of(), false);
    }

    public static ToolResult error(String message) {
        return new ToolResult(message, null, List.of(), true);
    }

    public ToolResult withExtra(ExtraContent content) {
        var all = new java.util.ArrayList<>(extra);
        all.add(content);
        return new ToolResult(summary, structured, all, isError);
    }

    /** A non-text content block (MCP ImageContent). */
    public record ExtraContent(String type, String mimeType, String base64Data) {
        public static ExtraContent image(String mimeType, byte[] data) {
            return new ExtraContent("image", mimeType, java.util.Base64.getEncoder().encodeToString(data));
        }
    }
}
