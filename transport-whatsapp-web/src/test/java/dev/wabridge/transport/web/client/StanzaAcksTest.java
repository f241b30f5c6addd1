package dev.wabridge.transport.web.client;

import dev.wabridge.transport.web.services.FakeSessionServices;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pins the blind acks for stanzas no feature handles yet: {@code <ack id to class/>} with the
 * stanza's id, its sender as {@code to} and its tag as {@code class} (whatsmeow receipt.go
 * sendAck), and no ack at all for a stanza without id or sender, which could not be matched.
 * An unacked stanza comes back at every login; a wrong ack acknowledges nothing.
 */
class StanzaAcksTest {
    private static final Jid SENDER = new Jid("34600000002", 0, 0, Jid.USER_SERVER);

    private final FakeSessionServices session = new FakeSessionServices();
    private final StanzaAcks acks = new StanzaAcks(session);

    @Test
    void everyAckedTagIsAnsweredWithIdSenderAndClass() {
        for (String tag : StanzaAcks.TAGS) {
            session.sent().clear();
            acks.ack(Node.of(tag, Node.attrs("id", "ABC-" + tag, "from", SENDER, "t", "1767225600"), List.of(Node.of("enc"))));
            assertEquals(1, session.sent().size(), tag);
            Node ack = session.sent().get(0);
            assertEquals("ack", ack.tag());
            assertEquals(Set.of("id", "to", "class"), ack.attrs().keySet(), tag);
            assertEquals("ABC-" + tag, ack.attr("id"));
            assertEquals(SENDER, ack.attrs().get("to"), "a typed JID, as whatsmeow's sendAck writes it");
            assertEquals(tag, ack.attr("class"));
            assertTrue(ack.children().isEmpty() && ack.content() == null);
        }
    }

    @Test
    void theSenderIsCopiedWhateverItsForm() {
        acks.ack(Node.of("notification", Node.attrs("id", "n1", "from", "s.whatsapp.net", "type", "server_sync")));
        assertEquals("s.whatsapp.net", session.sent().get(0).attr("to"));
        assertEquals("notification", session.sent().get(0).attr("class"));
    }

    @Test
    void noAckWithoutId() {
        acks.ack(Node.of("receipt", Node.attrs("from", SENDER)));
        assertTrue(session.sent().isEmpty());
    }

    @Test
    void noAckWithoutSender() {
        acks.ack(Node.of("message", Node.attrs("id", "m1")));
        assertTrue(session.sent().isEmpty());
    }
}
