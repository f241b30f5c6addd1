package dev.wabridge.daemon.tools;

import dev.wabridge.rpc.tools.ToolException;
import dev.wabridge.rpc.tools.ToolHandler;
import dev.wabridge.rpc.tools.ToolResult;

/**
 * The honest answer of a tool whose service is not built yet: an error result that says so
 * and promises nothing was done. Replaced tool by tool as the services land.
 */
public final class NotAvailableYet implements ToolHandler {
    private final String service;

    public NotAvailableYet(String service) {
        this.service = service;
    }

    @Override
    public ToolResult handle(dev.wabridge.rpc.tools.ToolCall call) throws ToolException {
        throw new ToolException(call.toolName() + " is not available yet in this version of wabridge: the " + service
                + " service is not implemented, so nothing was done. The tool's name and arguments are final; "
                + "see the README's status section.");
    }
}
