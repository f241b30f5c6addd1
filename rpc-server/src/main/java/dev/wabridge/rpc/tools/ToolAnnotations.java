package dev.wabridge.rpc.tools;

/**
 * The behaviour hints MCP clients show users before a call (MCP schema ToolAnnotations).
 * Every tool states all four explicitly rather than relying on the spec's defaults.
 */
public record ToolAnnotations(boolean readOnly, boolean destructive, boolean idempotent, boolean openWorld) {

    /** Reads state, changes nothing. */
    public static ToolAnnotations read(boolean openWorld) {
        return new ToolAnnotations(true, false, true, openWorld);
    }

    /** Changes state without destroying anything. */
    public static ToolAnnotations write(boolean idempotent, boolean openWorld) {
        return new ToolAnnotations(false, false, idempotent, openWorld);
    }

    /** Deletes or logs out: something is gone afterwards. */
    public static ToolAnnotations destructive(boolean idempotent, boolean openWorld) {
        return new ToolAnnotations(false, true, idempotent, openWorld);
    }
}
