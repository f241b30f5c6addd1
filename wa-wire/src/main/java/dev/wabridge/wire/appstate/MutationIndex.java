package dev.wabridge.wire.appstate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A mutation's index: what it changes, as a JSON array of strings, e.g.
 * {@code ["archive","34600000001@s.whatsapp.net"]} (whatsmeow appstate/encode.go
 * json.Marshal(mutationInfo.Index); Baileys chat-utils.ts JSON.stringify(index)). The index MAC
 * is taken over these exact bytes, so a decoder checks the MAC against the bytes it received and
 * only then parses them. Written like JSON.stringify (no spaces; {@code "}, {@code \} and control
 * characters escaped); parsing accepts any JSON array of strings.
 */
public final class MutationIndex {
    private MutationIndex() {
    }

    public static byte[] toJson(List<String> parts) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            quote(sb, parts.get(i));
        }
        return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The strings of a JSON array; {@link IllegalArgumentException} if it is anything else. */
    public static List<String> parse(byte[] json) {
        String s = new String(json, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        int[] pos = {skipSpace(s, 0)};
        expect(s, pos, '[');
        if (peek(s, pos) == ']') {
            pos[0]++;
        } else {
            while (true) {
                out.add(string(s, pos));
                char c = peek(s, pos);
                pos[0]++;
                if (c == ']') {
                    break;
                }
                if (c != ',') {
                    throw new IllegalArgumentException("index is not a JSON array of strings");
                }
            }
        }
        if (skipSpace(s, pos[0]) != s.length()) {
            throw new IllegalArgumentException("index has trailing data");
        }
        return out;
    }

    private static void quote(StringBuilder sb, String v) {
        sb.append('"');
        for (char c : v.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static String string(String s, int[] pos) {
        expect(s, pos, '"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos[0] >= s.length()) {
                throw new IllegalArgumentException("unterminated string in index");
            }
            char c = s.charAt(pos[0]++);
            if (c == '"') {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos[0] >= s.length()) {
                throw new IllegalArgumentException("unterminated escape in index");
            }
            char e = s.charAt(pos[0]++);
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    if (pos[0] + 4 > s.length()) {
                        throw new IllegalArgumentException("short \\u escape in index");
                    }
                    sb.append((char) Integer.parseInt(s.substring(pos[0], pos[0] + 4), 16));
                    pos[0] += 4;
                }
                default -> throw new IllegalArgumentException("bad escape in index");
            }
        }
    }

    private static void expect(String s, int[] pos, char c) {
        if (peek(s, pos) != c) {
            throw new IllegalArgumentException("index is not a JSON array of strings");
        }
        pos[0]++;
    }

    private static char peek(String s, int[] pos) {
        pos[0] = skipSpace(s, pos[0]);
        if (pos[0] >= s.length()) {
            throw new IllegalArgumentException("index ends early");
        }
        return s.charAt(pos[0]);
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
