package dev.wabridge.sandbox;

import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.privacy.TokenNodes;
import dev.wabridge.wire.routing.ParticipantHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A logged-in device's {@code <message>}, {@code <receipt>} and {@code <ack>} stanzas, routed
 * as WhatsApp's servers route them (whatsmeow send.go / receipt.go from the other side):
 * <ul>
 *   <li>a message's {@code <participants><to jid><enc/></to>…} fans out, one stanza per
 *       device, each {@code from} the sending device, with {@code recipient} when it goes to
 *       the sender's own other devices; {@code <device-identity>} travels with it; the sender
 *       gets {@code <ack class="message" id from t>} once it is stored, with the server's
 *       {@code phash} of both accounts' devices when the message's differs or is missing
 *       (as WhatsApp tells a sender its device lists are stale); while the privacy-token fault
 *       is on, a new 1:1 chat without the contact's token is refused with 463
 *       ({@link TrustedContacts});</li>
 *   <li>a receipt goes to every device of the user it is addressed to, {@code from} the
 *       device that sent it; the sender gets its ack;</li>
 *   <li>an ack from a device removes the stanza from its mailbox.</li>
 * </ul>
 * Runs on the sending connection's event loop.
 */
final class ServerMessages {
    private static final Logger log = LoggerFactory.getLogger(ServerMessages.class);

    private final SandboxServer server;
    private final SandboxConnection connection;

    ServerMessages(SandboxServer server, SandboxConnection connection) {
        this.server = server;
        this.connection = connection;
    }

    void onMessage(Node message) {
        Device sender = connection.device();
        Jid to = message.jid("to").orElse(null);
        String id = message.attr("id");
        if (sender == null || to == null || id == null) {
            log.debug("sandbox: message without sender, to or id dropped");
            return;
        }
        Optional<String> refusal = server.injector().onMessage();
        if (refusal.isPresent()) {
            connection.write(Node.of("ack", Node.attrs("class", "message", "id", id, "from", to.toNonAd(), "error", refusal.get())));
            return;
        }
        Account from = server.directory().accountOf(sender.jid());
        Account contact = oneToOne(message, to) ? server.directory().accountOf(to) : null;
        if (from != null && contact != null && !server.trustedContacts().admits(from, contact,
                message.child(TokenNodes.MESSAGE_CHILD).map(Node::bytes).orElse(null))) {
            // a new chat without the contact's privacy token (Baileys: MessageAccountRestriction)
            connection.write(Node.of("ack", Node.attrs("class", "message", "id", id, "from", to.toNonAd(), "error", "463")));
            return;
        }
        server.fanOut().route(sender.jid(), message);
        if (from != null && contact != null) {
            server.trustedContacts().accepted(from, contact);
        }
        Map<String, Object> ack = Node.attrs("class", "message", "id", id, "from", to.toNonAd(),
                "t", Long.toString(server.clock().instant().getEpochSecond()));
        String phash = message.child("participants").isPresent() ? server.directory().participantHash(sender.jid(), to) : null;
        if (phash != null && !phash.equals(sendersHash(message, sender))) {
            ack.put("phash", phash); // the sender's device lists are stale (whatsmeow send.go reads it)
        }
        connection.write(Node.of("ack", ack));
    }

    /**
     * The device lists the sender used: its {@code phash} when it sent one (group messages
     * carry it), else the hash of the devices it encrypted for plus itself, which is all a
     * 1:1 message shows (whatsmeow and Baileys send no {@code phash} on those).
     */
    private static String sendersHash(Node message, Device sender) {
        if (message.attr("phash") != null) {
            return message.attr("phash");
        }
        List<Jid> used = new ArrayList<>();
        used.add(sender.jid());
        for (Node to : message.child("participants").map(p -> p.children("to")).orElse(List.of())) {
            to.jidIfValid("jid").ifPresent(used::add);
        }
        return ParticipantHash.of(used);
    }

    /** A message to a user (phone number or LID) in its own chat: not a group, not a peer message between one account's devices. */
    private static boolean oneToOne(Node message, Jid to) {
        return (Jid.USER_SERVER.equals(to.server()) || Jid.LID_SERVER.equals(to.server())) && !"peer".equals(message.attr("category"));
    }

    void onReceipt(Node receipt) {
        Device sender = connection.device();
        Jid to = receipt.jid("to").orElse(null);
        String id = receipt.attr("id");
        if (sender == null || to == null || id == null) {
            return;
        }
        server.fanOut().relayReceipt(sender.jid(), receipt);
        List<Object> ackAttrs = new ArrayList<>(List.of("class", "receipt", "id", id, "from", to));
        if (receipt.attr("type") != null) {
            ackAttrs.add("type");
            ackAttrs.add(receipt.attr("type"));
        }
        connection.write(Node.of("ack", Node.attrs(ackAttrs.toArray())));
    }

    void onAck(Node ack) {
        Device device = connection.device();
        if (device != null && ack.attr("id") != null && ack.attr("class") != null && ack.attr("to") != null) {
            server.router().ack(device.jid().toString(), ack.attr("class"), ack.attr("id"), ack.attr("to"), ack.attr("type"));
            server.injector().acked(device.jid().toString(), ack.attr("id"));
        }
    }
}
