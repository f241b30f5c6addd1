package dev.wabridge.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wabridge.daemon.resources.MessageUris;
import dev.wabridge.daemon.sessions.ChangePublisher;
import dev.wabridge.daemon.sessions.IncomingMessagePublisher;
import dev.wabridge.rpc.http.McpServer;
import dev.wabridge.transport.TransportEvent;

/**
 * Tells MCP clients what changed, the standard way ({@code notifications/resources/updated}
 * to 2025-11-25 sessions that subscribed and to 2026-07-28 subscriptions/listen streams that
 * named the resource): a new incoming message changes the session's message-log resource and
 * its conversation with the sender; an outgoing message that was sent, failed, delivered or
 * read changes the same two; a session's link status or send limits change its status
 * resource.
 *
 * <p>It also still sends the earlier log notification (logger "whatsapp.incoming", the
 * message as a JSON string in {@code data}) to 2025-era sessions: the official Java SDK's
 * {@code loggingConsumer} (2.1) is how Java agents built on it receive messages today, and
 * it reads only a string there. Stateless requests never get it.
 */
final class McpChangePublisher implements IncomingMessagePublisher, ChangePublisher {
    private final McpServer server;
    private final ObjectMapper mapper;

    McpChangePublisher(McpServer server, ObjectMapper mapper) {
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

    @Override
    public void sessionChanged(long sessionId) {
        server.resourceUpdated(MessageUris.status(sessionId));
    }

    @Override
    public void messageChanged(long sessionId, String phone) {
        server.resourceUpdated(MessageUris.messages(sessionId));
        if (phone != null) {
            server.resourceUpdated(MessageUris.conversation(sessionId, phone));
        }
    }
}
