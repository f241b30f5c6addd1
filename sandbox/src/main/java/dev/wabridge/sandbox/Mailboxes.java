package dev.wabridge.sandbox;

import dev.wabridge.wire.binary.Node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What WhatsApp's servers hold for each device until the device acks it: messages, receipts
 * and notifications routed to a device stay here from the moment they are routed until its
 * {@code <ack>}. A device that is offline gets them at its next login (with
 * {@code offline="1"}); one that dropped before acking gets them again, so clients must
 * ignore duplicates. Keyed by stanza kind, id and sender, as an ack names them.
 *
 * <p>Routed from senders' event loops and acked from the recipient's: one lock.
 */
final class Mailboxes {
    /** Each device's unacked stanzas, oldest first. */
    private final Map<String, LinkedHashMap<String, Node>> byDevice = new HashMap<>();

    static String key(String kind, String id, String remote) {
        return kind + "|" + id + "|" + remote;
    }

    synchronized void put(String deviceJid, Node stanza) {
        byDevice.computeIfAbsent(deviceJid, d -> new LinkedHashMap<>())
                .put(key(stanza.tag(), stanza.attr("id"), stanza.attr("from")), stanza);
    }

    /** The device acked {@code <ack class=kind id=id to=remote>}: it has the stanza. Returns whether one was waiting. */
    synchronized boolean ack(String deviceJid, String kind, String id, String remote) {
        LinkedHashMap<String, Node> box = byDevice.get(deviceJid);
        return box != null && box.remove(key(kind, id, remote)) != null;
    }

    synchronized List<Node> pending(String deviceJid) {
        LinkedHashMap<String, Node> box = byDevice.get(deviceJid);
        return box == null ? List.of() : new ArrayList<>(box.values());
    }

    synchronized int size(String deviceJid) {
        LinkedHashMap<String, Node> box = byDevice.get(deviceJid);
        return box == null ? 0 : box.size();
    }

    /** The device was unlinked: what waited for it is dropped. */
    synchronized void forget(String deviceJid) {
        byDevice.remove(deviceJid);
    }
}
