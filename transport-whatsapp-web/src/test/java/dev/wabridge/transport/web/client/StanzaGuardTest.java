package dev.wabridge.transport.web.client;

import dev.wabridge.transport.web.diagnostics.Quarantine;
import dev.wabridge.transport.web.services.Acks;
import dev.wabridge.transport.web.services.FakeSessionServices;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.routing.NodeRouter;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guard every stanza is routed under: a handler that throws costs one quarantine entry
 * and one ack (none more if the handler had acked already), an unknown tag is nacked 488,
 * and nothing of it reaches the connection.
 */
class StanzaGuardTest {
    private final FakeSessionServices session = new FakeSessionServices();
    private final Quarantine quarantine = new Quarantine(session.keys(), session.clock());
    private final Node notification = Node.of("notification", Node.attrs("id", "n1", "from", Jid.SERVER, "type", "devices"));

    @Test
    void aThrowingHandlerIsQuarantinedAndAckedOnce() {
        StanzaGuard guard = new StanzaGuard(session, new NodeRouter().onTag("notification", n -> {
            throw new IllegalStateException("boom");
        }), quarantine);
        guard.onNode(notification);
        assertEquals(1, session.sent().size());
        assertEquals(Acks.of(notification).orElseThrow(), session.sent().get(0));
        assertEquals(1, Quarantine.read(session.keys()).size());
        assertTrue(Quarantine.read(session.keys()).get(0).reason().contains("boom"));
    }

    @Test
    void anAckTheHandlerSentIsNotRepeated() {
        StanzaGuard[] self = new StanzaGuard[1];
        self[0] = new StanzaGuard(session, new NodeRouter().onTag("notification", n -> {
            Node ack = Acks.of(n).orElseThrow();
            session.send(ack);
            self[0].onSent(ack); // the runtime reports every sent node
            throw new IllegalStateException("after the ack");
        }), quarantine);
        self[0].onNode(notification);
        assertEquals(1, session.sent().size());
    }

    @Test
    void anUnknownTagIsNackedAsUnrecognized() {
        new StanzaGuard(session, new NodeRouter(), quarantine).onNode(Node.of("mystery", Node.attrs("id", "m1", "from", Jid.SERVER)));
        Node nack = session.sent().get(0);
        assertEquals("mystery", nack.attr("class"));
        assertEquals("488", nack.attr("error"));
        assertEquals(Jid.SERVER, nack.attrs().get("to"));
    }

    @Test
    void anUnknownIqIsNeverAcked() {
        new StanzaGuard(session, new NodeRouter(), quarantine).onNode(Node.of("iq", Node.attrs("id", "q1", "from", Jid.SERVER, "type", "get",
                "xmlns", "mystery")));
        assertTrue(session.sent().isEmpty());
        assertEquals(1, Quarantine.read(session.keys()).size());
    }

    @Test
    void theQuarantineIsBounded() {
        for (int i = 0; i < Quarantine.MAX_ENTRIES + 5; i++) {
            quarantine.put("bad " + i, new byte[]{1, 2, 3});
        }
        assertEquals(Quarantine.MAX_ENTRIES, Quarantine.read(session.keys()).size());
        assertEquals("bad 5", Quarantine.read(session.keys()).get(0).reason(), "the oldest went first");
    }
}
