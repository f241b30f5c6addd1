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
 * Pins the blind acks for stanzas no feature handles yet (whatsmeow receipt.go sendAck):
 * {@code <ack class id to [participant] [recipient] [type]/>} with {@code to} the sender as
 * decoded; no ack for a stanza without id or sender, which could not be matched; and none
 * for presence, chatstate and ib, which whatsmeow never acks.
 */
class StanzaAcksTest {
    private static final Jid SENDER = new Jid("34600000002", 0, 0, Jid.USER_SERVER);

    private final FakeSessionServices session = new FakeSessionServices();
    private final StanzaAcks acks = new StanzaAcks(session);

    @Test
    void everyAckedTagIsAnsweredWithIdSenderClassAndType() {
        for (String tag : StanzaAcks.TAGS) {
            session.sent().clear();
            acks.ack(Node.of(tag, Node.attrs("id", "ABC-" + tag, "from", SENDER, "t", "1767225600", "type", "x"), List.of(Node.of("enc"))));
            assertEquals(1, session.sent().size(), tag);
            Node ack = session.sent().get(0);
            assertEquals("ack", ack.tag());
            assertEquals(Set.of("id", "to", "class", "type"), ack.attrs().keySet(), tag);
            assertEquals("ABC-" + tag, ack.attr("id"));
            assertEquals(SENDER, ack.attrs().get("to"), "a typed JID, as whatsmeow's sendAck writes it");
            assertEquals(tag, ack.attr("class"));
            assertTrue(ack.children().isEmpty() && ack.content() == null);
        }
    }

    @Test
    void participantAndRecipientAreCopied() {
        Jid participant = new Jid("34600000003", 0, 1, Jid.USER_SERVER);
        acks.ack(Node.of("call", Node.attrs("id", "c1", "from", SENDER, "participant", participant, "recipient", SENDER)));
        Node ack = session.sent().get(0);
        assertEquals(participant, ack.attrs().get("participant"));
        assertEquals(SENDER, ack.attrs().get("recipient"));
    }

    @Test
    void theSenderIsCopiedWhateverItsForm() {
        acks.ack(Node.of("status", Node.attrs("id", "n1", "from", "s.whatsapp.net")));
        assertEquals("s.whatsapp.net", session.sent().get(0).attr("to"));
        assertEquals("status", session.sent().get(0).attr("class"));
    }

    @Test
    void silentTagsAreNeverAcked() {
        for (String tag : StanzaAcks.SILENT_TAGS) {
            acks.ack(Node.of(tag, Node.attrs("id", "p1", "from", SENDER)));
            acks.ignore(Node.of(tag, Node.attrs("id", "p1", "from", SENDER)));
        }
        assertTrue(session.sent().isEmpty());
    }

    @Test
    void noAckWithoutId() {
        acks.ack(Node.of("call", Node.attrs("from", SENDER)));
        assertTrue(session.sent().isEmpty());
    }

    @Test
    void noAckWithoutSender() {
        acks.ack(Node.of("call", Node.attrs("id", "m1")));
        assertTrue(session.sent().isEmpty());
    }
}
