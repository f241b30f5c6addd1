package dev.wabridge.wire.routing;

import dev.wabridge.wire.binary.Node;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Sends each incoming node to the handler of its feature, so no class has to know every
 * stanza: by tag (whatsmeow client.go {@code nodeHandlers}: message, receipt, notification,
 * ...), and for {@code <iq>} by (type, xmlns, first child tag). Either the xmlns or the child
 * may be left open (null): WhatsApp reuses one xmlns for several requests (md: pair-device,
 * pair-success), and whatsmeow's handleIQ matches pairing by child tag alone. Answers
 * to our own requests ({@code type="result"} or {@code "error"}) go to one response handler,
 * the IQ client. Both ends use it: the client for server stanzas, the sandbox for client ones.
 *
 * <p>Built once, then only read: the routes are filled before the first node arrives and never
 * change, so the maps need no locking.
 */
public final class NodeRouter {
    private final Map<String, NodeHandler> byTag = new HashMap<>();
    private final Map<String, NodeHandler> iqRoutes = new HashMap<>();
    private NodeHandler responses;
    private NodeHandler fallback = node -> { };

    /** Every node with this tag (other than iq). */
    public NodeRouter onTag(String tag, NodeHandler handler) {
        if ("iq".equals(tag)) {
            throw new IllegalArgumentException("route iq stanzas with onIq / onResponse");
        }
        put(byTag, tag, handler);
        return this;
    }

    /** IQs of this type and xmlns whose first child has this tag ({@code xmlns} null: any; {@code childTag} null: any). */
    public NodeRouter onIq(String type, String xmlns, String childTag, NodeHandler handler) {
        put(iqRoutes, iqKey(type, xmlns, childTag), handler);
        return this;
    }

    /** {@code <iq type="result">} and {@code <iq type="error">}: answers to requests we sent. */
    public NodeRouter onResponse(NodeHandler handler) {
        responses = handler;
        return this;
    }

    /** Whatever no route matched (e.g. log it, or answer feature-not-implemented). */
    public NodeRouter otherwise(NodeHandler handler) {
        fallback = handler;
        return this;
    }

    /** Routes {@code node}; true when a route (not the fallback) took it. */
    public boolean route(Node node) {
        Optional<NodeHandler> handler = find(node);
        handler.orElse(fallback).handle(node);
        return handler.isPresent();
    }

    private Optional<NodeHandler> find(Node node) {
        if (!"iq".equals(node.tag())) {
            return Optional.ofNullable(byTag.get(node.tag()));
        }
        String type = node.attr("type");
        if (("result".equals(type) || "error".equals(type)) && responses != null) {
            return Optional.of(responses);
        }
        String xmlns = node.attr("xmlns");
        String child = node.children().isEmpty() ? null : node.children().get(0).tag();
        // Most specific first: xmlns and child, the child under any xmlns, the xmlns with any child, then any IQ of the type.
        for (String key : new String[]{iqKey(type, xmlns, child), iqKey(type, null, child), iqKey(type, xmlns, null), iqKey(type, null, null)}) {
            NodeHandler h = iqRoutes.get(key);
            if (h != null) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }

    private static String iqKey(String type, String xmlns, String childTag) {
        return type + '\u0000' + (xmlns == null ? "*" : xmlns) + '\u0000' + (childTag == null ? "*" : childTag);
    }

    private static void put(Map<String, NodeHandler> routes, String key, NodeHandler handler) {
        if (routes.putIfAbsent(key, handler) != null) {
            throw new IllegalStateException("two handlers for one route: " + key.replace('\u0000', ' '));
        }
    }
}
