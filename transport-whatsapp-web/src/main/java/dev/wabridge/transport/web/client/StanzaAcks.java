package dev.wabridge.transport.web.client;

import dev.wabridge.transport.web.services.Acks;
import dev.wabridge.transport.web.services.SessionServices;
import dev.wabridge.wire.binary.Node;

import java.util.List;

/**
 * Stanzas no feature handles yet are acknowledged, so the server does not send them again at
 * every login; the acks are shaped by {@link Acks} (whatsmeow receipt.go sendAck). Stanzas
 * whatsmeow never acks (presence, chatstate, ib) are taken and dropped here, so they are not
 * mistaken for unknown ones. Messages and receipts are acked by their handlers once their
 * result is stored; notifications by {@link Notifications} after their handler.
 */
final class StanzaAcks {
    /** Acked blindly today: calls, and status/appdata stanzas (whatsmeow client.go nodeHandlers). */
    static final List<String> TAGS = List.of("call", "status", "appdata");
    /** Known, never acked (whatsmeow handlePresence, handleChatState, handleIB send nothing back). */
    static final List<String> SILENT_TAGS = List.of("ib", "presence", "chatstate");

    private final SessionServices session;

    StanzaAcks(SessionServices session) {
        this.session = session;
    }

    void ack(Node node) {
        Acks.of(node).ifPresent(session::send);
    }

    /** A stanza we know and leave unanswered. */
    void ignore(Node node) {
        // nothing to answer: whatsmeow sends no ack for these either
    }
}
