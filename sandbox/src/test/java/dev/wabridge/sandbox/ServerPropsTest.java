package dev.wabridge.sandbox;

import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The A/B props answer has the shape Baileys' fetchProps reads: a result to the request's id
 * with {@code <props hash>} and one {@code <prop config_code config_value/>} per prop (before,
 * the sandbox answered 501 and every Baileys login logged an error).
 */
class ServerPropsTest {
    @Test
    void theAnswerIsWhatFetchPropsReads() {
        Node request = Node.of("iq", Node.attrs("id", "p1", "type", "get", "xmlns", "w", "to", Jid.user(null, "s.whatsapp.net")),
                List.of(Node.of("props", Node.attrs("protocol", "2", "hash", ""))));
        Node answer = ServerProps.answer(request);
        assertEquals("result", answer.attr("type"));
        assertEquals("p1", answer.attr("id"));
        Node props = answer.child("props").orElseThrow();
        assertEquals(ServerProps.HASH, props.attr("hash"));
        assertEquals(16, props.attr("hash").length());
        Map<String, String> read = new HashMap<>(); // as Baileys' reduceBinaryNodeToDictionary does
        props.children("prop").forEach(p -> read.put(p.attr("config_code"), p.attr("config_value")));
        assertEquals("true", read.get("10518"), "tctoken on 1:1 messages, as WhatsApp Web");
        assertTrue(read.size() >= 3);
    }
}
