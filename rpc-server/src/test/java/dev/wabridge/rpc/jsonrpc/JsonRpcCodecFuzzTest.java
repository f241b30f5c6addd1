package dev.wabridge.rpc.jsonrpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The JSON-RPC decoder reads bytes from the network: whatever arrives, it either returns a
 * message or throws its own JsonRpcException with a code, never anything else.
 * Seeded; a failure prints the seed and the input so the case can be replayed.
 */
class JsonRpcCodecFuzzTest {
    private final JsonRpcCodec codec = new JsonRpcCodec(new ObjectMapper());
    private static final String[] FRAGMENTS = {"{", "}", "[", "]", "\"jsonrpc\"", ":", "\"2.0\"", ",", "\"id\"", "1", "null",
            "\"method\"", "\"ping\"", "\"params\"", "{}", "[]", "\"", "\\u0000", "1e999", "-", "true", "\"result\"", "\uD800"};

    @Test
    void randomBytesNeverEscapeAsOtherExceptions() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            byte[] input = new byte[random.nextInt(64)];
            random.nextBytes(input);
            check(seed, input);
        }
    }

    @Test
    void structuredGarbageNeverEscapesAsOtherExceptions() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int parts = random.nextInt(20);
            for (int p = 0; p < parts; p++) {
                sb.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
            }
            check(seed, sb.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void deepNestingIsRejectedNotStackOverflow() {
        byte[] deep = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"a\":" + "[".repeat(100_000) + "}}")
                .getBytes(StandardCharsets.UTF_8);
        JsonRpcException e = org.junit.jupiter.api.Assertions.assertThrows(JsonRpcException.class, () -> codec.decode(deep));
        assertEquals(JsonRpcErrorCode.PARSE_ERROR, e.code());
    }

    @Test
    void validRequestDecodes() throws Exception {
        JsonRpcMessage m = codec.decode("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"tools/list\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(JsonRpcMessage.Kind.REQUEST, m.kind());
        assertEquals("tools/list", m.method());
        assertEquals(0, m.params().size());
    }

    private void check(long seed, byte[] input) {
        try {
            assertNotNull(codec.decode(input));
        } catch (JsonRpcException e) {
            assertNotNull(e.code());
        } catch (Throwable t) {
            fail("seed " + seed + " input " + java.util.HexFormat.of().formatHex(input) + " threw " + t, t);
        }
    }
}
