package dev.wabridge.rpc.mcp;

import dev.wabridge.rpc.auth.Principal;
import dev.wabridge.rpc.tools.ProgressSink;

import java.util.function.Consumer;

/**
 * What a dispatched request may know about its caller. Deliberately not the MCP session:
 * the stateless MCP revision (2026-07-28) has no session, and a WhatsApp session is always
 * an explicit tool argument.
 */
public record CallContext(Principal principal, ProgressSink progress, Consumer<String> logLevelSetter) {
}
