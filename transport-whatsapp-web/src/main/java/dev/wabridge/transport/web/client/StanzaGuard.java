package dev.wabridge.transport.web.client;

import dev.wabridge.transport.web.diagnostics.Quarantine;
import dev.wabridge.transport.web.services.Acks;
import dev.wabridge.transport.web.services.SessionServices;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.binary.NodeEncoder;
import dev.wabridge.wire.binary.TokenDictionary;
import dev.wabridge.wire.routing.NodeRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A stanza the client cannot decode or handle never drops the connection (whatsmeow
 * client.go handleFrame logs and drops an undecodable frame; message.go nacks what it cannot
 * parse and acks what panicked while decrypting). Dropping it would bring the stanza back at
 * every login, a reconnect loop. So every node is routed under this guard:
 * <ul>
 *   <li>a frame that does not decode is logged and quarantined (it has no id to ack);</li>
 *   <li>a handler that throws is logged, the stanza quarantined, and acked once if the handler
 *       had not acked it yet (a plain ack, as whatsmeow's recover in decryptMessages sends);</li>
 *   <li>a tag no handler knows is quarantined and, when it has an id and a sender, nacked
 *       488 (whatsmeow's NackUnrecognizedStanza) so the server does not send it again; an
 *       unknown iq is only quarantined.</li>
 * </ul>
 * Runs on the session's actor thread.
 */
final class StanzaGuard {
    private static final Logger log = LoggerFactory.getLogger(StanzaGuard.class);

    private final SessionServices session;
    private final NodeRouter router;
    private final Quarantine quarantine;
    /** The id of the stanza being handled, and whether its ack went out. */
    private String current;
    private boolean acked;

    StanzaGuard(SessionServices session, NodeRouter router, Quarantine quarantine) {
        this.session = session;
        this.router = router;
        this.quarantine = quarantine;
    }

    void onNode(Node node) {
        current = node.attr("id");
        acked = false;
        try {
            if (!router.route(node)) {
                unknown(node);
            }
        } catch (RuntimeException e) {
            log.warn("session {}: cannot handle <{} id={}>; quarantined", session.sessionId(), node.tag(), node.attr("id"), e);
            quarantine.put("handler failed on <" + node.tag() + ">: " + e, encode(node));
            if (!acked) {
                Acks.of(node).ifPresent(session::send);
            }
        } finally {
            current = null;
        }
    }

    /** Every node we send passes here, so an ack the handler sent before it failed is not repeated. */
    void onSent(Node node) {
        if (current != null && "ack".equals(node.tag()) && current.equals(node.attr("id"))) {
            acked = true;
        }
    }

    /** A frame that did not decrypt or decode. */
    void undecodable(byte[] bytes, String why) {
        log.warn("session {}: dropped an undecodable frame of {} bytes ({}); quarantined", session.sessionId(), bytes.length, why);
        if (log.isDebugEnabled()) {
            log.debug("undecodable frame: {}", HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 4096)));
        }
        quarantine.put("undecodable: " + why, bytes);
    }

    private void unknown(Node node) {
        log.info("session {}: no handler for <{}>; quarantined", session.sessionId(), node.tag());
        quarantine.put("unknown stanza <" + node.tag() + ">", encode(node));
        // an iq is answered by an iq, never acked: whatsmeow handleIQ leaves unknown ones unanswered
        if (!"iq".equals(node.tag()) && node.attr("id") != null && node.attrs().get("from") != null) {
            session.send(Node.of("ack", Node.attrs("class", node.tag(), "id", node.attr("id"), "to", node.attrs().get("from"),
                    "error", Integer.toString(Acks.NACK_UNRECOGNIZED_STANZA))));
        }
    }

    private static byte[] encode(Node node) {
        try {
            return NodeEncoder.encode(node, TokenDictionary.CURRENT);
        } catch (RuntimeException e) {
            return node.toString().getBytes(StandardCharsets.UTF_8);
        }
    }
}
