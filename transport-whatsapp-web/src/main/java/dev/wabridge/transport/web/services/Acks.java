package dev.wabridge.transport.web.services;

import dev.wabridge.wire.binary.Node;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code <ack>} a stanza gets, shaped as whatsmeow's sendAck (receipt.go): {@code class}
 * is the stanza's tag, {@code id} its id, {@code to} its {@code from} exactly as decoded (a
 * typed JID when the server sent one, so it is written back as a JID, not a string), then
 * {@code participant} and {@code recipient} when the stanza had them, {@code type} for every
 * class but {@code message}, and {@code error} for a nack. One builder for every handler, so
 * the shape is written and tested once (AckVectorsTest pins the bytes).
 *
 * <p>Only the stanzas whatsmeow acks get one (client.go nodeHandlers with receipt.go,
 * message.go, notification.go, call.go): message, receipt, notification, call, and the
 * {@code status} and {@code appdata} stanzas; never presence, chatstate or ib.
 */
public final class Acks {
    /** Tags that are acknowledged at all. */
    public static final Set<String> ACKED_TAGS = Set.of("message", "receipt", "notification", "call", "status", "appdata");

    /** whatsmeow receipt.go NackParsingError: the stanza could not be parsed. */
    public static final int NACK_PARSING_ERROR = 487;
    /** whatsmeow receipt.go NackUnrecognizedStanza. */
    public static final int NACK_UNRECOGNIZED_STANZA = 488;
    /** whatsmeow receipt.go NackUnhandledError. */
    public static final int NACK_UNHANDLED_ERROR = 500;

    private Acks() {
    }

    /** The ack of {@code stanza}; empty when its tag is not acked or it has no id or sender to match. */
    public static Optional<Node> of(Node stanza) {
        return of(stanza, 0);
    }

    /** The ack of {@code stanza} with an {@code error} code (a nack) unless {@code error} is 0. */
    public static Optional<Node> of(Node stanza, int error) {
        Object id = stanza.attrs().get("id");
        Object from = stanza.attrs().get("from");
        if (!ACKED_TAGS.contains(stanza.tag()) || id == null || from == null) {
            return Optional.empty();
        }
        Map<String, Object> attrs = Node.attrs("class", stanza.tag(), "id", id, "to", from);
        copy(stanza, attrs, "participant");
        copy(stanza, attrs, "recipient");
        if (!"message".equals(stanza.tag())) {
            copy(stanza, attrs, "type");
        }
        if (error != 0) {
            attrs.put("error", Integer.toString(error));
        }
        return Optional.of(Node.of("ack", attrs));
    }

    private static void copy(Node stanza, Map<String, Object> attrs, String name) {
        Object value = stanza.attrs().get(name);
        if (value != null) {
            attrs.put(name, value);
        }
    }
}
