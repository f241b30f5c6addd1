package dev.wabridge.wire.routing;

import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;

import java.util.List;

/**
 * Builds the IQ stanzas both ends otherwise write by hand (whatsmeow request.go infoQuery):
 * a client's request to the server, and the result or error that answers a request. A client
 * addresses the server with {@code to="s.whatsapp.net"}; the server's stanzas carry
 * {@code from="s.whatsapp.net"}.
 */
public final class Iq {
    private Iq() {
    }

    /** A client's request to the server; {@code id} comes from the client's IQ id sequence. */
    public static Node request(String id, String type, String xmlns, List<Node> children) {
        return Node.of("iq", Node.attrs("id", id, "xmlns", xmlns, "type", type, "to", Jid.SERVER), children);
    }

    /** The client's {@code type="result"} answer to a server request. */
    public static Node clientResult(Node request, List<Node> children) {
        return answer("to", request, "result", children);
    }

    /** The client's {@code type="error"} answer to a server request (e.g. a refused pairing). */
    public static Node clientError(Node request, int code, String text) {
        return answer("to", request, "error", List.of(error(code, text)));
    }

    /** The server's {@code type="result"} answer to a client request. */
    public static Node serverResult(Node request, List<Node> children) {
        return answer("from", request, "result", children);
    }

    /** The server's {@code type="error"} answer (e.g. 501 feature-not-implemented). */
    public static Node serverError(Node request, int code, String text) {
        return answer("from", request, "error", List.of(error(code, text)));
    }

    private static Node answer(String peerAttr, Node request, String type, List<Node> children) {
        return Node.of("iq", Node.attrs(peerAttr, Jid.SERVER, "type", type, "id", request.attr("id")),
                children.isEmpty() ? null : children);
    }

    private static Node error(int code, String text) {
        return Node.of("error", text == null || text.isEmpty() ? Node.attrs("code", Integer.toString(code))
                : Node.attrs("code", Integer.toString(code), "text", text));
    }
}
