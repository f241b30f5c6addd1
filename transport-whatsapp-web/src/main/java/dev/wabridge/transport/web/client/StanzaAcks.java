package dev.wabridge.transport.web.client;

import dev.wabridge.transport.web.services.SessionServices;
import dev.wabridge.wire.binary.Node;

import java.util.List;

/**
 * Stanzas no feature handles yet are acknowledged, so the server does not send them again at
 * every login. The features that come with Signal (messages, receipts, notifications) take
 * their tags over from here and ack only after their result is stored.
 */
final class StanzaAcks {
    /**
     * The tags acked blindly today (whatsmeow client.go nodeHandlers lists the same stanzas);
     * notifications go through {@link Notifications}, which acks them after their handler;
     * messages and receipts are acked by their handlers once their result is stored.
     */
    static final List<String> TAGS = List.of("ib", "call", "presence", "chatstate");

    private final SessionServices session;

    StanzaAcks(SessionServices session) {
        this.session = session;
    }

    void ack(Node node) {
        if (node.attr("id") == null || node.attr("from") == null) {
            return;
        }
        // whatsmeow's sendAck writes "to" as the sender's JID (a JID token on the wire, not a string).
        Object to;
        try {
            to = node.jid("from").orElseThrow();
        } catch (IllegalArgumentException notAJid) {
            to = node.attr("from");
        }
        session.send(Node.of("ack", Node.attrs("id", node.attr("id"), "to", to, "class", node.tag())));
    }
}
