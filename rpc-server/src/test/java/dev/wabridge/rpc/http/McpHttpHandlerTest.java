package dev.wabridge.rpc.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The event loop's own error answers are valid JSON-RPC whatever the message holds. */
class McpHttpHandlerTest {
    @Test
    void anyMessageMakesValidJson() throws Exception {
        String message = "Forbidden: \"quoted\" C:\\path\\ line1\nline2\r\ttab \u0000\u0001\u001f bell\u0007 é ✓ </script>";
        // Jackson's default parser is strict: a raw newline or control character in a string fails.
        JsonNode body = new ObjectMapper().readTree(McpHttpHandler.errorBody(message));
        assertEquals("2.0", body.get("jsonrpc").asText());
        assertTrue(body.get("id").isNull());
        assertEquals(-32000, body.at("/error/code").asInt());
        assertEquals(message, body.at("/error/message").asText());
    }
}
