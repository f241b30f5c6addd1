package dev.wabridge.transport.web.client;

import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.routing.NodeHandler;

import java.util.HashMap;
import java.util.Map;

/**
 * {@code <notification>} stanzas by their {@code type} (whatsmeow notification.go
 * handleNotification: encrypt, server_sync, devices, picture, ...), each to its feature; every
 * notification is acked after its handler ran, handled or not, so the server does not send it
 * again at the next login. Routes are registered before the first node and never change.
 */
final class Notifications {
    private final Map<String, NodeHandler> byType = new HashMap<>();
    private final StanzaAcks acks;

    Notifications(StanzaAcks acks) {
        this.acks = acks;
    }

    Notifications on(String type, NodeHandler handler) {
        byType.put(type, handler);
        return this;
    }

    void handle(Node notification) {
        NodeHandler handler = byType.get(notification.attr("type"));
        try {
            if (handler != null) {
                handler.handle(notification);
            }
        } finally {
            acks.ack(notification);
        }
    }
}
