package dev.wabridge.wire.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;

/** Loads a published test-vector file from src/test/resources/vectors (each names its source). */
public final class Vectors {
    private Vectors() {
    }

    public static JsonNode load(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + name)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] hex(JsonNode n) {
        return HexFormat.of().parseHex(n.asText());
    }
}
