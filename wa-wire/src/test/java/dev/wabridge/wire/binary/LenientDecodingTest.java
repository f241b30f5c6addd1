package dev.wabridge.wire.binary;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the reference decoders accept and a strict reading would refuse (whatsmeow
 * binary/decoder.go readPacked8 and readInteropJID; Baileys decode.ts): an odd packed string
 * whose pad nibble is not 15, a 15 nibble mid-string (a NUL), and an interop integrator above
 * 255. Refusing them would drop the whole frame. Byte vectors written by hand from that code.
 */
class LenientDecodingTest {
    private static Node decode(String hex) {
        return NodeDecoder.decode(HexFormat.of().parseHex(hex), 1 << 20);
    }

    @Test
    void oddPackedStringDropsItsLastNibbleWhateverItHolds() {
        // <message id="123">: NIBBLE_8 (FF), 2 bytes with the odd bit (82), 12 30: the pad nibble is 0, not 15
        assertEquals("123", decode("00F803" + "13" + "08FF821230").attr("id"));
        // HEX_8 (FB) the same way: A B C and a pad of 5
        assertEquals("ABC", decode("00F803" + "13" + "08FB82ABC5").attr("id"));
    }

    @Test
    void aFifteenNibbleMidStringIsANul() {
        assertEquals("1\u000023", decode("00F803" + "13" + "08FF021F23").attr("id"));
    }

    @Test
    void interopIntegratorAbove255IsRead() {
        // from = INTEROP_JID (F5) user "123456" device 1 integrator 300 (012C) server "interop" as BINARY_8
        Node node = decode("00F803" + "13" + "06F5FF03123456" + "0001" + "012C" + "FC07696E7465726F70");
        Jid from = node.jid("from").orElseThrow();
        assertEquals(new Jid("123456", 300, 1, Jid.INTEROP_SERVER), from);
        String again = HexFormat.of().formatHex(NodeEncoder.encode(node)).toUpperCase();
        assertEquals("00F803" + "13" + "06F5FF03123456" + "0001" + "012C", again.substring(0, 30), "written back with its 16-bit integrator");
    }
}
