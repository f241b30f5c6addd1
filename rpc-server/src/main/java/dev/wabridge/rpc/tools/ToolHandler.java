package dev.wabridge.rpc.tools;

/**
 * The code behind one tool. Runs on a worker thread (never a Netty event loop), so it may
 * block on the store or wait for a WhatsApp ack.
 */
@FunctionalInterface
public interface ToolHandler {
    ToolResult handle(ToolCall call) throws ToolException;
}
