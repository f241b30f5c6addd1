package dev.wabridge.wire.binary;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes a node in WhatsApp's binary format (facts: whatsmeow binary/encoder.go, Baileys
 * src/WABinary/encode.ts): a leading 0 flags byte, then the node as a list of
 * 1 + 2·attributes (+1 with content) items. Strings prefer a single-byte token, then a
 * double-byte token, then nibble packing, then hex packing, then raw UTF-8.
 */
public final class NodeEncoder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    private final TokenDictionary tokens;

    private NodeEncoder(TokenDictionary tokens) {
        this.tokens = tokens;
    }

    public static byte[] encode(Node node) {
        return encode(node, TokenDictionary.CURRENT);
    }

    public static byte[] encode(Node node, TokenDictionary tokens) {
        NodeEncoder e = new NodeEncoder(tokens);
        e.out.write(0); // flags: uncompressed
        e.writeNode(node);
        return e.out.toByteArray();
    }

    private void writeNode(Node node) {
        Object content = node.content();
        int size = 1 + 2 * node.attrs().size() + (content == null ? 0 : 1);
        writeListStart(size);
        writeString(node.tag());
        for (Map.Entry<String, Object> a : node.attrs().entrySet()) {
            writeString(a.getKey());
            if (a.getValue() instanceof Jid jid) {
                writeJid(jid);
            } else {
                writeString((String) a.getValue());
            }
        }
        if (content instanceof byte[] bytes) {
            writeBytes(bytes);
        } else if (content instanceof List<?> children) {
            writeListStart(children.size());
            for (Object child : children) {
                writeNode((Node) child);
            }
        }
    }

    private void writeListStart(int size) {
        if (size == 0) {
            out.write(Tags.LIST_EMPTY);
        } else if (size < 256) {
            out.write(Tags.LIST_8);
            out.write(size);
        } else if (size < 65536) {
            out.write(Tags.LIST_16);
            out.write(size >>> 8);
            out.write(size);
        } else {
            throw new IllegalArgumentException("a node list holds at most 65535 items");
        }
    }

    private void writeString(String s) {
        int single = tokens.single(s);
        if (single > 0) {
            out.write(single);
            return;
        }
        int dbl = tokens.doubleByte(s);
        if (dbl >= 0) {
            out.write(Tags.DICTIONARY_0 + dbl / 256);
            out.write(dbl % 256);
            return;
        }
        if (isPackable(s, true)) {
            writePacked(s, Tags.NIBBLE_8);
        } else if (isPackable(s, false)) {
            writePacked(s, Tags.HEX_8);
        } else {
            writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    private void writeBytes(byte[] bytes) {
        int n = bytes.length;
        if (n < 256) {
            out.write(Tags.BINARY_8);
            out.write(n);
        } else if (n < (1 << 20)) {
            out.write(Tags.BINARY_20);
            out.write((n >>> 16) & 0x0F);
            out.write(n >>> 8);
            out.write(n);
        } else {
            out.write(Tags.BINARY_32);
            out.write(n >>> 24);
            out.write(n >>> 16);
            out.write(n >>> 8);
            out.write(n);
        }
        out.writeBytes(bytes);
    }

    private void writeJid(Jid jid) {
        String server = jid.server();
        if (server.equals("msgr")) {
            out.write(Tags.FB_JID);
            writeString(jid.user());
            out.write(jid.device() >>> 8);
            out.write(jid.device());
            writeString(server);
        } else if (server.equals("interop")) {
            out.write(Tags.INTEROP_JID);
            writeString(jid.user());
            out.write(jid.device() >>> 8);
            out.write(jid.device());
            out.write(jid.agent() >>> 8);
            out.write(jid.agent());
            writeString(server);
        } else if (jid.user() != null && (jid.isAd() || server.equals("hosted") || server.equals("hosted.lid"))
                && (server.equals(Jid.USER_SERVER) || server.equals(Jid.LID_SERVER) || server.startsWith("hosted"))) {
            out.write(Tags.AD_JID);
            out.write(switch (server) {
                case Jid.LID_SERVER -> Tags.DOMAIN_LID;
                case "hosted" -> Tags.DOMAIN_HOSTED;
                case "hosted.lid" -> Tags.DOMAIN_HOSTED_LID;
                default -> jid.agent();
            });
            out.write(jid.device());
            writeString(jid.user());
        } else {
            out.write(Tags.JID_PAIR);
            if (jid.user() == null) {
                out.write(Tags.LIST_EMPTY);
            } else {
                writeString(jid.user());
            }
            writeString(server);
        }
    }

    private static boolean isPackable(String s, boolean nibble) {
        if (s.isEmpty() || s.length() > Tags.PACKED_MAX) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = nibble ? (c >= '0' && c <= '9') || c == '-' || c == '.' : (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private void writePacked(String s, int tag) {
        out.write(tag);
        int n = (s.length() + 1) / 2;
        out.write(s.length() % 2 == 1 ? n | 0x80 : n);
        for (int i = 0; i < n; i++) {
            int hi = packChar(s.charAt(2 * i), tag);
            int lo = 2 * i + 1 < s.length() ? packChar(s.charAt(2 * i + 1), tag) : 15;
            out.write(hi << 4 | lo);
        }
    }

    private static int packChar(char c, int tag) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (tag == Tags.NIBBLE_8) {
            return c == '-' ? 10 : 11;
        }
        return c - 'A' + 10;
    }
}
