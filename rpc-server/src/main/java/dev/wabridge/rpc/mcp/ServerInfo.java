package dev.wabridge.rpc.mcp;

/** What the server says about itself in the initialize result. */
public record ServerInfo(String name, String title, String version, String instructions) {
}
