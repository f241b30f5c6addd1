package dev.wabridge.sandbox;

import dev.wabridge.wire.binary.Node;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Delivers stanzas to devices the way WhatsApp's servers do: into the device's mailbox first,
 * then to its endpoint if it is online; at login the device gets everything still unacked,
 * each marked {@code offline}, followed by {@code <ib><offline count="N"/></ib>} (whatsmeow
 * connectionevents.go handleIB; Baileys offline-node-processor).
 *
 * <p>Endpoints register and leave from their own threads, stanzas come from every sender's:
 * concurrent map plus the mailboxes' lock.
 */
final class StanzaRouter {
    private final Mailboxes mailboxes = new Mailboxes();
    private final ConcurrentMap<String, Endpoint> online = new ConcurrentHashMap<>();

    /** Routes a stanza to one device (by its JID as a string: {@code user[:device]@server}). */
    void deliver(String deviceJid, Node stanza) {
        mailboxes.put(deviceJid, stanza);
        Endpoint e = online.get(deviceJid);
        if (e != null) {
            e.push(stanza);
        }
    }

    /** The device logged in: it gets its backlog, then the end-of-offline marker. */
    void online(String deviceJid, Endpoint endpoint) {
        online.put(deviceJid, endpoint);
        List<Node> backlog = mailboxes.pending(deviceJid);
        for (Node n : backlog) {
            endpoint.push(markedOffline(n));
        }
        endpoint.push(Node.of("ib", Map.of(), List.of(Node.of("offline", Node.attrs("count", Integer.toString(backlog.size()))))));
    }

    void offline(String deviceJid, Endpoint endpoint) {
        online.remove(deviceJid, endpoint);
    }

    boolean isOnline(String deviceJid) {
        return online.containsKey(deviceJid);
    }

    /** The device acked a stanza. */
    boolean ack(String deviceJid, String kind, String id, String remote) {
        return mailboxes.ack(deviceJid, kind, id, remote);
    }

    /** Stanzas waiting for a device's ack. */
    int waiting(String deviceJid) {
        return mailboxes.size(deviceJid);
    }

    void forget(String deviceJid) {
        mailboxes.forget(deviceJid);
    }

    private static Node markedOffline(Node n) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.putAll(n.attrs());
        attrs.put("offline", "1");
        Object content = n.content();
        if (content instanceof byte[] b) {
            return Node.of(n.tag(), attrs, b);
        }
        return Node.of(n.tag(), attrs, n.children().isEmpty() ? null : n.children());
    }
}
