package dev.wabridge.rpc.jsonrpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11, item 7: one body is one message, and its text is Unicode. Before, a second object
 * or trailing garbage was dropped silently after running the first, and a lone surrogate
 * reached WhatsApp as '?'.
 */
class JsonRpcCodecStrictnessTest {
    private final JsonRpcCodec codec = new JsonRpcCodec(new ObjectMapper());
    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";

    private JsonRpcException refused(String body) {
        return assertThrows(JsonRpcException.class, () -> codec.decode(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void twoObjectsInOneBodyAreAParseError() {
        JsonRpcException e = refused(PING + PING);
        assertEquals(JsonRpcErrorCode.PARSE_ERROR, e.code());
        assertEquals(JsonRpcErrorCode.PARSE_ERROR, refused(PING + "\n" + PING).code());
    }

    @Test
    void trailingGarbageIsAParseError() {
        assertEquals(JsonRpcErrorCode.PARSE_ERROR, refused(PING + " x").code());
        assertEquals(JsonRpcErrorCode.PARSE_ERROR, refused(PING + "}").code());
        assertEquals(JsonRpcErrorCode.PARSE_ERROR, refused(PING + " 1").code());
        assertTrue(refused(PING + "garbage").getMessage().contains("exactly one JSON value"));
    }

    @Test
    void trailingWhitespaceIsFine() throws Exception {
        assertEquals("ping", codec.decode((PING + " \r\n\t").getBytes(StandardCharsets.UTF_8)).method());
    }

    @Test
    void anUnpairedSurrogateInParamsIsRefusedNamingWhere() {
        JsonRpcException e = refused("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"send\","
                + "\"arguments\":{\"message\":\"Hola \\ud83d amigo\"}}}");
        assertEquals(JsonRpcErrorCode.INVALID_PARAMS, e.code());
        assertEquals(7, e.id().asInt(), "answered with the request's id");
        assertTrue(e.getMessage().contains("params.arguments.message"), e.getMessage());
        assertTrue(e.getMessage().contains("\\uD83D at character 5"), e.getMessage());
        // a lone low half, and one at the end of the text
        assertEquals(JsonRpcErrorCode.INVALID_PARAMS, refused("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"params\":{\"a\":[\"x\\udc00\"]}}").code());
        assertEquals(JsonRpcErrorCode.INVALID_PARAMS, refused("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"params\":{\"a\":\"\\ud800\"}}").code());
        // in a field name
        assertTrue(refused("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"params\":{\"\\ud800\":1}}").getMessage().contains("field name"));
    }

    @Test
    void anUnpairedSurrogateInTheMethodIsAnInvalidRequest() {
        assertEquals(JsonRpcErrorCode.INVALID_REQUEST, refused("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"p\\udfffing\"}").code());
    }

    @Test
    void pairedSurrogatesAndRawEmojiPass() throws Exception {
        String escaped = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"params\":{\"a\":\"\\ud83d\\ude00\"}}";
        assertEquals("\uD83D\uDE00", codec.decode(escaped.getBytes(StandardCharsets.UTF_8)).params().get("a").asText());
        String raw = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"params\":{\"a\":\"año 😀\"}}";
        assertEquals("año 😀", codec.decode(raw.getBytes(StandardCharsets.UTF_8)).params().get("a").asText());
    }

    @Test
    void surrogatesEncodedAsUtf8BytesAreRefusedToo() {
        // CESU-style bytes ED A0 80 (a surrogate written as UTF-8): not valid UTF-8, never delivered.
        byte[] head = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"params\":{\"a\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"}}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + 3 + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        body[head.length] = (byte) 0xED;
        body[head.length + 1] = (byte) 0xA0;
        body[head.length + 2] = (byte) 0x80;
        System.arraycopy(tail, 0, body, head.length + 3, tail.length);
        JsonRpcException e = assertThrows(JsonRpcException.class, () -> codec.decode(body));
        assertTrue(e.code() == JsonRpcErrorCode.INVALID_PARAMS || e.code() == JsonRpcErrorCode.PARSE_ERROR, e.code().toString());
    }
}
