package dev.wabridge.rpc.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wabridge.rpc.auth.Principal;

/** One validated tools/call: the arguments already match the tool's input schema. */
public record ToolCall(String toolName, ObjectNode arguments, Principal principal, ProgressSink progress) {
}
