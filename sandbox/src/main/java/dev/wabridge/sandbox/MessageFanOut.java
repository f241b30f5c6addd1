package dev.wabridge.sandbox;

import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Turns one device's {@code <message>} into the stanzas its recipients' devices receive, as
 * WhatsApp's servers do (whatsmeow send.go builds what this takes apart): one per addressed
 * device, {@code from} the sending device, with the sender's {@code device-identity} next to
 * a {@code pkmsg}, and {@code recipient} naming the chat on copies for the sender's own
 * devices. Also the server's own notifications to a device. Stateless; callable from any
 * thread.
 */
final class MessageFanOut {
    private final StanzaRouter router;
    private final Directory directory;
    private final Clock clock;
    private final Supplier<String> ids;

    MessageFanOut(StanzaRouter router, Directory directory, Clock clock, Supplier<String> ids) {
        this.router = router;
        this.directory = directory;
        this.clock = clock;
        this.ids = ids;
    }

    void route(Jid sender, Node message) {
        route(sender, message, Map.of());
    }

    /** Like {@link #route(Jid, Node)}, with attributes the server adds (e.g. {@code sender_pn} for a LID sender). */
    void route(Jid sender, Node message, Map<String, Object> serverAttrs) {
        Jid to = message.jid("to").orElseThrow();
        String t = Long.toString(clock.instant().getEpochSecond());
        Node identity = message.child("device-identity").orElse(null);
        List<Node> participants = message.child("participants").map(p -> p.children("to")).orElse(List.of());
        if (participants.isEmpty() && !message.children("enc").isEmpty()) {
            deliver(sender, to, to, message, message.children("enc"), identity, t, serverAttrs); // one device, addressed directly
        }
        for (Node p : participants) {
            p.jid("jid").ifPresent(device -> deliver(sender, to, device, message, p.children("enc"), identity, t, serverAttrs));
        }
    }

    private void deliver(Jid sender, Jid chat, Jid device, Node original, List<Node> encs, Node identity, String t,
                         Map<String, Object> serverAttrs) {
        if (encs.isEmpty()) {
            return;
        }
        Map<String, Object> attrs = Node.attrs("from", sender, "id", original.attr("id"), "t", t);
        attrs.putAll(serverAttrs);
        for (String copied : new String[]{"type", "edit", "category"}) {
            if (original.attr(copied) != null) {
                attrs.put(copied, original.attr(copied));
            }
        }
        if (device.user().equals(sender.user()) && !chat.user().equals(sender.user())) {
            attrs.put("recipient", chat.toNonAd());
        }
        List<Node> children = new ArrayList<>(encs);
        if (identity != null && encs.stream().anyMatch(e -> "pkmsg".equals(e.attr("type")))) {
            children.add(identity);
        }
        // A participant JID names one device: user@… is the phone (device 0), not every device.
        directory.exactDevice(device).ifPresent(target -> router.deliver(target, Node.of("message", attrs, children)));
    }

    /**
     * A device's {@code <receipt to=…>}: to every device of the user it is addressed to
     * (WhatsApp shows ticks on all of the sender's devices), {@code from} the receipting device.
     */
    void relayReceipt(Jid from, Node receipt) {
        Jid to = receipt.jid("to").orElseThrow();
        Map<String, Object> attrs = new LinkedHashMap<>();
        receipt.attrs().forEach((k, v) -> {
            if (!k.equals("to")) {
                attrs.put(k, v);
            }
        });
        attrs.put("from", from);
        attrs.putIfAbsent("t", Long.toString(clock.instant().getEpochSecond()));
        Node relayed = Node.of("receipt", attrs, receipt.children().isEmpty() ? null : receipt.children());
        for (String device : directory.deviceJidsOf(to.toNonAd())) {
            if (!device.equals(from.toString())) {
                router.deliver(device, relayed);
            }
        }
    }

    /** Tells a device its one-time prekeys run low (whatsmeow handleEncryptNotification). */
    void lowPreKeys(String deviceJid, int count) {
        router.deliver(Jid.parse(deviceJid).toString(), Node.of("notification", Node.attrs("from", Jid.SERVER, "type", "encrypt",
                "id", ids.get(), "t", Long.toString(clock.instant().getEpochSecond())),
                List.of(Node.of("count", Node.attrs("value", Integer.toString(count))))));
    }
}
