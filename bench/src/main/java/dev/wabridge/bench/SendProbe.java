package dev.wabridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/**
 * One linked session as the overhead harness drives it: its own MCP connection (so sends of
 * different sessions never queue behind each other in the client) and, once known, the
 * tapped WebSocket connection its transport writes to.
 */
final class SendProbe implements AutoCloseable {
    final long sessionId;
    final McpConnection mcp;
    private final McpClient client;
    private volatile TappedConnection wire;

    /**
     * A send's first frame is its usync query when the transport's device lists are not cached
     * (else the message itself), at least this large; keep-alive pings are smaller.
     */
    static final int MIN_FIRST_FRAME = 80;

    /**
     * One timed send, nanos from the request's first byte: to the send's first frame on the
     * wire, to its {@code <message>} frame (-1: not seen) and to the tool's answer.
     */
    record Timing(long toFirstFrame, long toFrame, long toAnswer, int framesInWindow, String status) {
    }

    SendProbe(long sessionId, McpClient client) throws IOException {
        this.sessionId = sessionId;
        this.client = client;
        this.mcp = client.open();
    }

    TappedConnection wire() {
        return wire;
    }

    void wire(TappedConnection c) {
        this.wire = c;
    }

    /** The request bytes of a send_whatsapp_message, built before the clock starts. */
    byte[] sendRequest(String phone, String text) throws IOException {
        ObjectNode args = client.arguments().put("session_id", sessionId).put("phone", phone).put("message", text).put("wait_seconds", 30);
        return client.toolCall(mcp, "send_whatsapp_message", args);
    }

    /** Writes a prepared request and times it; the frame time comes from the tap, if the wire is known. */
    Timing send(byte[] request) throws IOException {
        long start = System.nanoTime();
        mcp.write(request);
        McpConnection.Response r = mcp.read();
        long answered = System.nanoTime();
        JsonNode result = client.result(r);
        TappedConnection w = wire;
        long first = w == null ? -1 : w.firstFrameAfter(start, MIN_FIRST_FRAME);
        long frame = w == null ? -1 : w.firstLargeFrameAfter(start);
        int frames = w == null ? 0 : w.largeFramesBetween(start, answered);
        return new Timing(first < 0 ? -1 : first - start, frame < 0 ? -1 : frame - start, answered - start, frames,
                result.path("status").asText());
    }

    @Override
    public void close() throws IOException {
        mcp.close();
    }
}
