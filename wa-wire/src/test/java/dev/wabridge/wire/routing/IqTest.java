package dev.wabridge.wire.routing;

import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Pins the IQ stanzas {@link Iq} builds against whatsmeow's shapes (PROTOCOL-MAP.md sections 2,
 * 4 and 9; whatsmeow request.go infoQuery, pair.go handlePairDevice and sendPairError): a
 * client request carries id, xmlns, type and {@code to} the server JID; an answer copies the
 * request's id, carries {@code to} (client) or {@code from} (server) the server, no xmlns, and
 * an error answer one {@code <error code text/>} child. The server matches answers by these
 * attributes, so a changed shape breaks pairing and every request.
 */
class IqTest {
    private static final Node SERVER_REQUEST = Node.of("iq", Node.attrs("from", Jid.SERVER, "type", "set", "id", "srv-1", "xmlns", "md"),
            List.of(Node.of("pair-device")));
    private static final Node CLIENT_REQUEST = Iq.request("7.1", "get", "usync", List.of(Node.of("usync")));

    @Test
    void aClientRequestCarriesIdXmlnsTypeAndTheServerAsAJid() {
        Node ping = Iq.request("7.3", "get", "w:p", List.of(Node.of("ping")));
        assertEquals(Node.of("iq", Node.attrs("id", "7.3", "xmlns", "w:p", "type", "get", "to", Jid.SERVER), List.of(Node.of("ping"))), ping);
        assertEquals(Jid.SERVER, ping.attrs().get("to"), "to is a JID, so the encoder writes it as one");
    }

    @Test
    void aClientResultIsAddressedToTheServerWithTheRequestsIdAndNothingElse() {
        // whatsmeow handlePairDevice: <iq to="s.whatsapp.net" id=same type="result"/>
        assertEquals(Node.of("iq", Node.attrs("to", Jid.SERVER, "type", "result", "id", "srv-1")), Iq.clientResult(SERVER_REQUEST, List.of()));
        assertNull(Iq.clientResult(SERVER_REQUEST, List.of()).content(), "an empty result has no content, not an empty list");
    }

    @Test
    void aClientResultCarriesItsChildren() {
        Node sign = Node.of("pair-device-sign");
        Node result = Iq.clientResult(SERVER_REQUEST, List.of(sign));
        assertEquals(List.of(sign), result.children());
        assertEquals("srv-1", result.attr("id"));
        assertEquals(Jid.SERVER, result.attrs().get("to"));
        assertNull(result.attr("from"));
        assertNull(result.attr("xmlns"));
    }

    @Test
    void aClientErrorCarriesCodeAndText() {
        // whatsmeow sendPairError: <iq to type="error" id><error code text/></iq>
        assertEquals(Node.of("iq", Node.attrs("to", Jid.SERVER, "type", "error", "id", "srv-1"),
                        List.of(Node.of("error", Node.attrs("code", "401", "text", "hmac-mismatch")))),
                Iq.clientError(SERVER_REQUEST, 401, "hmac-mismatch"));
    }

    @Test
    void aServerResultComesFromTheServerWithTheRequestsId() {
        Node list = Node.of("list");
        assertEquals(Node.of("iq", Node.attrs("from", Jid.SERVER, "type", "result", "id", "7.1"), List.of(list)),
                Iq.serverResult(CLIENT_REQUEST, List.of(list)));
        assertNull(Iq.serverResult(CLIENT_REQUEST, List.of()).content());
    }

    @Test
    void aServerErrorComesFromTheServerWithCodeAndText() {
        Node error = Iq.serverError(CLIENT_REQUEST, 501, "feature-not-implemented");
        assertEquals(Node.of("iq", Node.attrs("from", Jid.SERVER, "type", "error", "id", "7.1"),
                List.of(Node.of("error", Node.attrs("code", "501", "text", "feature-not-implemented")))), error);
        assertNull(error.attr("to"));
    }
}
