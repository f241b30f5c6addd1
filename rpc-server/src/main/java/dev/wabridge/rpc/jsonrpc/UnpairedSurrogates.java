package dev.wabridge.rpc.jsonrpc;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;

/**
 * Finds text that is not Unicode: a JSON escape like {@code "\ud800"} decodes to half of a
 * UTF-16 surrogate pair, which no encoder can write (WhatsApp received it as '?'). RFC 8259
 * calls such strings unpredictable and I-JSON (RFC 7493) forbids them, so the codec refuses
 * the request and names where the bad text is, instead of delivering something else.
 */
final class UnpairedSurrogates {
    private UnpairedSurrogates() {
    }

    /** Where the first bad string is, e.g. {@code params.arguments.message}, and at which character. */
    record Found(String path, int index, char unit) {
        String describe() {
            return String.format("%s has an unpaired UTF-16 surrogate (\\u%04X at character %d)", path, (int) unit, index);
        }
    }

    /** The first string or field name under {@code root} with an unpaired surrogate, if any. */
    static Optional<Found> find(JsonNode root, String rootName) {
        // An explicit stack: nesting is bounded by the parser, but recursion is not needed.
        Deque<Map.Entry<String, JsonNode>> todo = new ArrayDeque<>();
        todo.push(Map.entry(rootName, root));
        while (!todo.isEmpty()) {
            Map.Entry<String, JsonNode> next = todo.pop();
            String path = next.getKey();
            JsonNode node = next.getValue();
            if (node.isTextual()) {
                int bad = firstUnpaired(node.textValue());
                if (bad >= 0) {
                    return Optional.of(new Found(path, bad, node.textValue().charAt(bad)));
                }
            } else if (node.isObject()) {
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    int bad = firstUnpaired(field.getKey());
                    if (bad >= 0) {
                        return Optional.of(new Found(path + " (a field name)", bad, field.getKey().charAt(bad)));
                    }
                    todo.push(Map.entry(path + "." + field.getKey(), field.getValue()));
                }
            } else if (node.isArray()) {
                for (int i = node.size() - 1; i >= 0; i--) {
                    todo.push(Map.entry(path + "[" + i + "]", node.get(i)));
                }
            }
        }
        return Optional.empty();
    }

    /** The index of the first surrogate that is not half of a high-low pair, or -1. */
    static int firstUnpaired(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
