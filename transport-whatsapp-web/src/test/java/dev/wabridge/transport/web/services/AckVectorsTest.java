package dev.wabridge.transport.web.services;

import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.binary.NodeEncoder;
import dev.wabridge.wire.binary.TokenDictionary;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bytes of our acks against the bytes whatsmeow's encoder writes for the same ack
 * (binary/encoder.go writeNode/writeJID/writePackedBytes with the v3 tokens of
 * binary/token/token.go). No Go toolchain runs here, so each expected vector was derived by
 * hand from that code, not from our encoder: flag byte 00; LIST_8 (F8) with 2*attrs+1; tokens
 * ack=1B class=15 id=08 to=11 participant=05 recipient=94 type=04 error=A8 message=13
 * receipt=07 notification=09 call=64 read=2A s.whatsapp.net=03 g.us=1C lid=76; "487" = dictionary 3
 * (EF) index 97 and server_sync =
 * dictionary 0 (EC) index CB; JIDs as JID_PAIR (FA user server; LIST_EMPTY 00 for no user) or
 * AD_JID (F7 agent device user) when device > 0; digit strings as NIBBLE_8 (FF, length with
 * bit 7 for odd, pad nibble F), upper hex as HEX_8 (FB). whatsmeow's attributes are a Go map
 * (any order); the vectors use the order our builder writes, which is one of them.
 */
class AckVectorsTest {
    private static final Jid ALICE = Jid.phone("34600000002");

    private static String hex(Node node) {
        return HexFormat.of().formatHex(NodeEncoder.encode(node, TokenDictionary.CURRENT)).toUpperCase();
    }

    private static String ack(Node stanza) {
        return hex(Acks.of(stanza).orElseThrow());
    }

    @Test
    void directMessageHasNoType() {
        // <ack class=message id=3EB0ABCD to=34600000002@s.whatsapp.net>
        assertEquals("00" + "F807" + "1B" + "1513" + "08FB043EB0ABCD" + "11FAFF863460000000" + "2F03",
                ack(Node.of("message", Node.attrs("from", ALICE, "id", "3EB0ABCD", "type", "text", "t", "1767225600"))));
    }

    @Test
    void groupMessageCarriesTheParticipantAsAnAdJid() {
        Jid group = Jid.user("120363000000000001", Jid.GROUP_SERVER);
        Jid participant = new Jid("34600000003", 0, 2, Jid.USER_SERVER);
        assertEquals("00" + "F809" + "1B" + "1513" + "08FB053EB0C0FFEE" + "11FAFF09120363000000000001" + "1C"
                        + "05F70002FF8634600000003F",
                ack(Node.of("message", Node.attrs("from", group, "id", "3EB0C0FFEE", "participant", participant, "type", "text"))));
    }

    @Test
    void receiptKeepsRecipientAndType() {
        Jid lid = Jid.user("100000000000001", Jid.LID_SERVER);
        Jid recipient = Jid.phone("34600000001");
        assertEquals("00" + "F80B" + "1B" + "1507" + "08FB04ABCDEF01" + "11FAFF8810000000000000" + "1F76"
                        + "94FAFF8634600000001F03" + "042A",
                ack(Node.of("receipt", Node.attrs("from", lid, "id", "ABCDEF01", "type", "read", "recipient", recipient))));
    }

    @Test
    void serverNotificationGoesBackToTheServerJid() {
        assertEquals("00" + "F809" + "1B" + "1509" + "08FF051234567890" + "11FA0003" + "04ECCB",
                ack(Node.of("notification", Node.attrs("from", Jid.SERVER, "id", "1234567890", "type", "server_sync"))));
    }

    @Test
    void nackCarriesTheErrorCode() {
        assertEquals("00" + "F809" + "1B" + "1513" + "08FB043EB0ABCD" + "11FAFF863460000000" + "2F03" + "A8EF97",
                hex(Acks.of(Node.of("message", Node.attrs("from", ALICE, "id", "3EB0ABCD")), Acks.NACK_PARSING_ERROR).orElseThrow()));
    }

    @Test
    void call() {
        assertEquals("00" + "F807" + "1B" + "1564" + "08FB02ABCD" + "11FAFF863460000000" + "2F03",
                ack(Node.of("call", Node.attrs("from", ALICE, "id", "ABCD"))));
    }

    @Test
    void presenceChatstateAndIbAreNeverAcked() {
        for (String tag : new String[]{"presence", "chatstate", "ib", "iq", "success"}) {
            assertTrue(Acks.of(Node.of(tag, Node.attrs("from", ALICE, "id", "1"))).isEmpty(), tag);
        }
    }
}
