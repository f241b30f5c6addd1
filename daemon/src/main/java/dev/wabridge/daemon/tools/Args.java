package dev.wabridge.daemon.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads tool arguments that the input schema has already type-checked. */
final class Args {
    private final ObjectNode node;

    Args(ObjectNode node) {
        this.node = node;
    }

    String string(String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }

    Long longValue(String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v.asLong();
    }

    int intOr(String name, int fallback) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? fallback : v.asInt();
    }

    boolean bool(String name, boolean fallback) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? fallback : v.asBoolean();
    }

    boolean has(String name) {
        JsonNode v = node.get(name);
        return v != null && !v.isNull();
    }

    Map<String, String> stringMap(String name) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode v = node.get(name);
        if (v != null && v.isObject()) {
            v.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }
}
