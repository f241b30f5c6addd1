package dev.wabridge.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wabridge.daemon.resources.MessageUris;
import dev.wabridge.daemon.sessions.IncomingMessagePublisher;
import dev.wabridge.rpc.http.McpServer;
import dev.wabridge.transport.TransportEvent;

/**
 * Tells MCP clients of a new incoming WhatsApp message, the standard way: the session's
 * message-log resource and its conversation with the sender changed
 * ({@code notifications/resources/updated} to 2025-11-25 sessions that subscribed and to
 * 2026-07-28 subscriptions/listen streams that named them).
 *
 * <p>It also still sends the earlier log notification (logger "whatsapp.incoming", the
 * message as a JSON string in {@code data}) to 2025-era sessions: the official Java SDK's
 * {@code loggingConsumer} (2.1) is how Java agents built on it receive messages today, and
 * it reads only a string there. Stateless requests never get it.
 */
final class McpIncomingPublisher implements IncomingMessagePublisher {
    private final McpServer server;
    private final ObjectMapper mapper;

    McpIncomingPublisher(McpServer server, ObjectMapper mapper) {
        this.server = server;
        this.mapper = mapper;
    }

    @Override
    public void publish(long sessionId, TransportEvent.IncomingMessage m) {
        server.resourceUpdated(MessageUris.messages(sessionId));
        server.resourceUpdated(MessageUris.conversation(sessionId, m.fromPhone()));
        ObjectNode params = mapper.createObjectNode();
        params.put("level", "info");
        params.put("logger", "whatsapp.incoming");
        ObjectNode data = mapper.createObjectNode().put("type", "whatsapp_message").put("from", m.fromPhone())
                .put("push_name", m.pushName()).put("text", m.text()).put("message_id", m.messageId())
                .put("timestamp", m.timestamp() == null ? null : m.timestamp().toString());
        params.put("data", data.toString());
        server.broadcast("notifications/message", params);
    }
}
