package dev.wabridge.rpc.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An MCP session (Streamable HTTP's Mcp-Session-Id): negotiated revision, client info, log
 * level and the GET event streams opened on it. Touched by several worker threads at once,
 * hence volatile fields and a concurrent list.
 *
 * <p>It keeps a bounded copy of the client's {@code clientInfo} (name and version, capped),
 * never the node the client sent: a session lives for an hour of idleness, and a 1 MB
 * clientInfo per initialize filled a 256 MiB heap in about 200 requests (issue 11).
 */
final class McpSession {
    /** The longest client name kept; more is cut (it is only shown, never matched). */
    static final int MAX_CLIENT_NAME = 128;
    /** The longest client version kept. */
    static final int MAX_CLIENT_VERSION = 64;

    /** What a session remembers of the client: its name and version, each capped. */
    record ClientInfo(String name, String version) {
        static ClientInfo of(JsonNode clientInfo) {
            if (clientInfo == null || !clientInfo.isObject()) {
                return new ClientInfo(null, null);
            }
            return new ClientInfo(capped(clientInfo.get("name"), MAX_CLIENT_NAME), capped(clientInfo.get("version"), MAX_CLIENT_VERSION));
        }

        private static String capped(JsonNode value, int max) {
            if (value == null || !value.isTextual()) {
                return null;
            }
            String text = value.textValue();
            return text.length() <= max ? text : text.substring(0, max); // substring copies: the rest is garbage
        }
    }

    private final String id;
    private final String protocolVersion;
    private final ClientInfo clientInfo;
    private final String principalName;
    /** SHA-256 of the bearer token that opened the session: only that token may use it. */
    private final byte[] tokenHash;
    private final String token;
    private final List<SseStream> streams = new CopyOnWriteArrayList<>();
    private volatile Instant lastSeen;
    private volatile boolean initialized;
    private volatile String logLevel = "info";

    McpSession(String id, String protocolVersion, JsonNode clientInfo, String principalName, String token, Instant now) {
        this.id = id;
        this.token = token;
        this.tokenHash = sha256(token);
        this.protocolVersion = protocolVersion;
        this.clientInfo = ClientInfo.of(clientInfo);
        this.principalName = principalName;
        this.lastSeen = now;
    }

    String id() {
        return id;
    }

    String protocolVersion() {
        return protocolVersion;
    }

    ClientInfo clientInfo() {
        return clientInfo;
    }

    String principalName() {
        return principalName;
    }

    boolean ownedBy(String bearerToken) {
        return ownedByHash(sha256(bearerToken));
    }

    boolean ownedByHash(byte[] bearerTokenHash) {
        return java.security.MessageDigest.isEqual(tokenHash, bearerTokenHash);
    }

    /** The token, kept in memory only, to re-check open streams after a revocation. */
    String token() {
        return token;
    }

    static byte[] sha256(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Instant lastSeen() {
        return lastSeen;
    }

    void touch(Instant now) {
        lastSeen = now;
    }

    boolean initialized() {
        return initialized;
    }

    void markInitialized() {
        initialized = true;
    }

    String logLevel() {
        return logLevel;
    }

    void logLevel(String level) {
        logLevel = level;
    }

    void addStream(SseStream stream) {
        streams.add(stream);
        stream.channel().closeFuture().addListener(f -> streams.remove(stream));
    }

    List<SseStream> streams() {
        return streams;
    }

    /** MCP: each server message goes on exactly one stream; the oldest open one gets it. */
    boolean send(byte[] json) {
        for (SseStream stream : streams) {
            if (stream.isOpen()) {
                stream.send(json);
                return true;
            }
        }
        return false;
    }

    void close() {
        streams.forEach(s -> s.channel().close());
        streams.clear();
    }
}
