package dev.wabridge.rpc.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * What 2026-07-28 adds to every result: {@code resultType} (this server never asks for input,
 * so always "complete"), the server's identity in {@code _meta}, and caching hints (SEP-2549)
 * on the cacheable results.
 *
 * <p>The hints say how long a client may keep an answer and whether another token may share
 * it: the tool and template lists depend on the token's scopes, and resources on what the
 * token may read, so they are "private"; the discover result is the same for every caller.
 */
final class StatelessResults {
    /** Cacheable methods and their (ttlMs, cacheScope). */
    private static final Map<String, Hint> HINTS = Map.of(
            "server/discover", new Hint(3_600_000, "public"),
            // Fixed while the daemon runs (listChanged is false), but per token.
            "tools/list", new Hint(3_600_000, "private"),
            "resources/templates/list", new Hint(3_600_000, "private"),
            // Linking a number adds resources, an incoming message changes them: always re-read.
            "resources/list", new Hint(0, "private"),
            "resources/read", new Hint(0, "private"),
            "prompts/list", new Hint(3_600_000, "public"));

    private record Hint(long ttlMs, String cacheScope) {
    }

    private final ServerInfo serverInfo;

    StatelessResults(ServerInfo serverInfo) {
        this.serverInfo = serverInfo;
    }

    ObjectNode decorate(String method, ObjectNode result) {
        result.put("resultType", "complete");
        Hint hint = HINTS.get(method);
        if (hint != null) {
            result.put("ttlMs", hint.ttlMs());
            result.put("cacheScope", hint.cacheScope());
        }
        ObjectNode meta = result.has("_meta") && result.get("_meta").isObject() ? (ObjectNode) result.get("_meta") : result.putObject("_meta");
        meta.putObject(McpProtocol.META_SERVER_INFO)
                .put("name", serverInfo.name()).put("title", serverInfo.title()).put("version", serverInfo.version());
        return result;
    }
}
