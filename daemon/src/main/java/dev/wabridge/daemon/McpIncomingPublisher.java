package dev.wabridge.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wabridge.daemon.sessions.IncomingMessagePublisher;
import dev.wabridge.rpc.http.McpServer;
import dev.wabridge.transport.TransportEvent;

/**
 * Incoming WhatsApp messages go to MCP clients with an open GET stream, as log notifications
 * (logger "whatsapp.incoming").
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
        ObjectNode params = mapper.createObjectNode();
        params.put("level", "info");
        params.put("logger", "whatsapp.incoming");
        ObjectNode data = mapper.createObjectNode().put("type", "whatsapp_message").put("from", m.fromPhone())
                .put("push_name", m.pushName()).put("text", m.text()).put("message_id", m.messageId())
                .put("timestamp", m.timestamp() == null ? null : m.timestamp().toString());
        // MCP allows any JSON as data, but the official Java SDK (2.1) only reads a string there;
        // a JSON string works for every client and stays machine-readable.
        params.put("data", data.toString());
        server.broadcast("notifications/message", params);
    }
}
