package dev.wabridge.rpc.tools;

/**
 * A tool could not do what was asked, for a reason the caller can act on. Answered as an
 * MCP tool result with {@code isError: true} and this message, so the model sees it.
 */
public class ToolException extends Exception {
    public ToolException(String message) {
        super(message, null, false, false);
    }
}
