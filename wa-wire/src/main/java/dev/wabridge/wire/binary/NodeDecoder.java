package dev.wabridge.wire.binary;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads a node from a frame's plaintext (facts: whatsmeow binary/decoder.go and unpack.go,
 * Baileys src/WABinary/decode.ts). Input comes from the network, so every length is checked
 * against the bytes that remain before anything is allocated; a compressed frame inflates to
 * at most {@code maxInflated} bytes. Anything malformed is a {@link NodeCodecException}.
 */
public final class NodeDecoder {
    /** Nesting deeper than this is refused (no real stanza comes close). */
    static final int MAX_DEPTH = 64;

    private final byte[] data;
    private final TokenDictionary tokens;
    private int pos;

    private NodeDecoder(byte[] data, int pos, TokenDictionary tokens) {
        this.data = data;
        this.pos = pos;
        this.tokens = tokens;
    }

    public static Node decode(byte[] frame, int maxInflated) {
        return decode(frame, maxInflated, TokenDictionary.CURRENT);
    }

    public static Node decode(byte[] frame, int maxInflated, TokenDictionary tokens) {
        if (frame.length == 0) {
            throw new NodeCodecException("empty frame");
        }
        byte[] body;
        int start;
        if ((frame[0] & Tags.FLAG_COMPRESSED) != 0) {
            body = inflate(frame, maxInflated);
            start = 0;
        } else {
            body = frame;
            start = 1;
        }
        NodeDecoder d = new NodeDecoder(body, start, tokens);
        Node node = d.readNode(0);
        if (d.pos != body.length) {
            throw new NodeCodecException((body.length - d.pos) + " trailing bytes after the node");
        }
        return node;
    }

    private static byte[] inflate(byte[] frame, int maxInflated) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(frame, 1, frame.length - 1);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxInflated, frame.length * 4));
            byte[] buf = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new NodeCodecException("truncated compressed frame");
                }
                if (out.size() + n > maxInflated) {
                    throw new NodeCodecException("compressed frame inflates beyond " + maxInflated + " bytes");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new NodeCodecException("bad zlib data: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }

    private int readByte() {
        if (pos >= data.length) {
            throw new NodeCodecException("unexpected end of node data");
        }
        return data[pos++] & 0xFF;
    }

    private int readInt(int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            v = v << 8 | readByte();
        }
        return v;
    }

    private byte[] readRaw(long length) {
        if (length < 0 || length > data.length - pos) {
            throw new NodeCodecException("length " + length + " exceeds the " + (data.length - pos) + " bytes left");
        }
        byte[] out = Arrays.copyOfRange(data, pos, pos + (int) length);
        pos += (int) length;
        return out;
    }

    private int readListSize(int tag) {
        return switch (tag) {
            case Tags.LIST_EMPTY -> 0;
            case Tags.LIST_8 -> readByte();
            case Tags.LIST_16 -> readInt(2);
            default -> throw new NodeCodecException("expected a list, found tag " + tag);
        };
    }

    private Node readNode(int depth) {
        if (depth > MAX_DEPTH) {
            throw new NodeCodecException("nodes nested deeper than " + MAX_DEPTH);
        }
        int size = readListSize(readByte());
        if (size == 0) {
            throw new NodeCodecException("empty node list");
        }
        Object tagValue = readValue(readByte(), false, depth);
        if (!(tagValue instanceof String tag) || tag.isEmpty()) {
            throw new NodeCodecException("node tag is not a string");
        }
        int attrCount = (size - 1) / 2;
        if (attrCount > data.length - pos) {
            throw new NodeCodecException("more attributes than bytes left");
        }
        Map<String, Object> attrs = new LinkedHashMap<>();
        for (int i = 0; i < attrCount; i++) {
            Object key = readValue(readByte(), false, depth);
            if (!(key instanceof String k)) {
                throw new NodeCodecException("attribute key is not a string");
            }
            Object value = readValue(readByte(), false, depth);
            if (value instanceof byte[] raw) {
                value = new String(raw, StandardCharsets.UTF_8);
            } else if (value instanceof List<?>) {
                throw new NodeCodecException("attribute " + k + " holds a list");
            }
            attrs.put(k, value == null ? "" : value);
        }
        if (size % 2 == 1) {
            return Node.of(tag, attrs);
        }
        int contentTag = readByte();
        if (contentTag == Tags.LIST_EMPTY || contentTag == Tags.LIST_8 || contentTag == Tags.LIST_16) {
            int n = readListSize(contentTag);
            List<Node> children = new ArrayList<>(Math.min(n, data.length - pos));
            for (int i = 0; i < n; i++) {
                children.add(readNode(depth + 1));
            }
            return Node.of(tag, attrs, children);
        }
        Object value = readValue(contentTag, true, depth);
        byte[] content = value instanceof byte[] b ? b : String.valueOf(value).getBytes(StandardCharsets.UTF_8);
        return Node.of(tag, attrs, content);
    }

    /** A string (String), raw bytes (byte[] when {@code raw}), a Jid, or null for LIST_EMPTY. */
    private Object readValue(int tag, boolean raw, int depth) {
        if (depth > MAX_DEPTH) {
            throw new NodeCodecException("values nested deeper than " + MAX_DEPTH);
        }
        if (tag >= 1 && tag < Tags.DICTIONARY_0) {
            return tokens.single.get(tag);
        }
        return switch (tag) {
            case Tags.LIST_EMPTY -> null;
            case 236, 237, 238, Tags.DICTIONARY_3 -> tokens.doubles.get(tag - Tags.DICTIONARY_0).get(readByte());
            case Tags.BINARY_8 -> bytesOrString(readRaw(readByte()), raw);
            case Tags.BINARY_20 -> bytesOrString(readRaw(readInt(3) & 0xFFFFF), raw);
            case Tags.BINARY_32 -> bytesOrString(readRaw(Integer.toUnsignedLong(readInt(4))), raw);
            case Tags.NIBBLE_8, Tags.HEX_8 -> readPacked(tag);
            case Tags.JID_PAIR -> {
                Object user = readValue(readByte(), false, depth + 1);
                Object server = readValue(readByte(), false, depth + 1);
                if (!(server instanceof String s) || s.isEmpty()) {
                    throw new NodeCodecException("JID pair without a server");
                }
                yield new Jid(user == null ? null : text(user), 0, 0, s);
            }
            case Tags.AD_JID -> {
                int domain = readByte();
                int device = readByte();
                String user = text(readValue(readByte(), false, depth + 1));
                yield switch (domain) {
                    case Tags.DOMAIN_LID -> new Jid(user, 0, device, Jid.LID_SERVER);
                    case Tags.DOMAIN_HOSTED -> new Jid(user, 0, device, "hosted");
                    case Tags.DOMAIN_HOSTED_LID -> new Jid(user, 0, device, "hosted.lid");
                    default -> new Jid(user, domain, device, Jid.USER_SERVER);
                };
            }
            case Tags.FB_JID -> {
                String user = text(readValue(readByte(), false, depth + 1));
                int device = readInt(2);
                String server = text(readValue(readByte(), false, depth + 1));
                yield new Jid(user, 0, device, server);
            }
            case Tags.INTEROP_JID -> {
                String user = text(readValue(readByte(), false, depth + 1));
                int device = readInt(2);
                int integrator = readInt(2);
                String server = text(readValue(readByte(), false, depth + 1));
                if (!Jid.INTEROP_SERVER.equals(server)) { // whatsmeow readInteropJID: ErrInvalidJIDType
                    throw new NodeCodecException("interop JID on server " + server);
                }
                yield new Jid(user, integrator, device, server);
            }
            default -> throw new NodeCodecException("invalid tag " + tag);
        };
    }

    private static Object bytesOrString(byte[] b, boolean raw) {
        return raw ? b : new String(b, StandardCharsets.UTF_8);
    }

    private static String text(Object value) {
        if (value instanceof String s && !s.isEmpty()) {
            return s;
        }
        throw new NodeCodecException("expected a non-empty string in a JID");
    }

    /**
     * A NIBBLE_8/HEX_8 string, read as whatsmeow's readPacked8 (binary/decoder.go) and Baileys'
     * readPacked8 do: two nibbles per byte, and for an odd length the last character is
     * dropped whatever its nibble holds; a 15 nibble elsewhere is a NUL, as they read it.
     */
    private String readPacked(int tag) {
        int start = readByte();
        int n = start & 0x7F;
        if (n > data.length - pos) {
            throw new NodeCodecException("packed string longer than the bytes left");
        }
        StringBuilder sb = new StringBuilder(n * 2);
        for (int i = 0; i < n; i++) {
            int b = readByte();
            sb.append(unpack(tag, b >>> 4));
            sb.append(unpack(tag, b & 0x0F));
        }
        if ((start & 0x80) != 0 && !sb.isEmpty()) {
            sb.setLength(sb.length() - 1); // the pad of an odd-length string
        }
        return sb.toString();
    }

    private static char unpack(int tag, int v) {
        if (v < 10) {
            return (char) ('0' + v);
        }
        if (tag == Tags.HEX_8) {
            return (char) ('A' + v - 10);
        }
        return switch (v) {
            case 10 -> '-';
            case 11 -> '.';
            case 15 -> '\0';
            default -> throw new NodeCodecException("invalid nibble " + v + " in a packed number");
        };
    }
}
