package dev.wabridge.wire.privacy;

import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.binary.NodeDecoder;
import dev.wabridge.wire.binary.NodeEncoder;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The issue request has whatsmeow's shape (jid without device, t in seconds, the type), and a
 * notification's tokens parse after a trip through the binary codec with the bytes as the
 * token's content; malformed fields give a null JID or the epoch, not an exception.
 */
class TokenNodesTest {
    @Test
    void anIssueRequestNamesEachContactWithoutDevice() {
        Node tokens = TokenNodes.issue(List.of(Jid.parse("34600000002:3@s.whatsapp.net"), Jid.parse("93460@lid")),
                Instant.ofEpochSecond(1767225600L));
        assertEquals("tokens", tokens.tag());
        Node first = tokens.children().get(0);
        assertEquals(Map.of("jid", Jid.phone("34600000002"), "t", "1767225600", "type", "trusted_contact"), first.attrs());
        assertNull(first.content());
        assertEquals(Jid.user("93460", Jid.LID_SERVER), tokens.children().get(1).attrs().get("jid"));
    }

    @Test
    void aNotificationsTokensParseFromTheWire() {
        byte[] data = {4, 1, 33, (byte) 254, 110};
        Node notification = Node.of("notification", Node.attrs("from", Jid.phone("34600000002"), "type", "privacy_token",
                "id", "1", "t", "1767225600"), List.of(TokenNodes.delivery(Jid.phone("34600000001"), Instant.ofEpochSecond(1767225000L), data)));
        Node decoded = NodeDecoder.decode(NodeEncoder.encode(notification), 1 << 20);
        TokenNodes.Token token = TokenNodes.parse(decoded).get(0);
        assertEquals(Jid.phone("34600000001"), token.jid());
        assertEquals(Instant.ofEpochSecond(1767225000L), token.timestamp());
        assertEquals(TokenNodes.TRUSTED_CONTACT, token.type());
        assertArrayEquals(data, token.data().orElseThrow());
    }

    @Test
    void malformedFieldsDoNotThrow() {
        Node odd = Node.of("x", Map.of(), List.of(Node.of("tokens", Map.of(), List.of(
                Node.of("token", Node.attrs("jid", "34600000002:x@s.whatsapp.net", "t", "soon", "type", "trusted_contact"))))));
        TokenNodes.Token token = TokenNodes.parse(odd).get(0);
        assertNull(token.jid());
        assertEquals(Instant.EPOCH, token.timestamp());
        assertTrue(token.data().isEmpty());
        assertTrue(TokenNodes.parse(Node.of("x")).isEmpty());
    }
}
