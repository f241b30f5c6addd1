package dev.wabridge.wire.binary;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.Deflater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded property tests: encode→decode is the identity for random nodes, and arbitrary bytes
 * never make the decoder throw anything but its own exception. A failure names the seed.
 */
class NodeCodecPropertyTest {
    private static final String[] WORDS = {"iq", "message", "s.whatsapp.net", "type", "id", "to", "xmlns", "reaction",
            "pair-device", "ref", "0", "100", "515", "1234567890", "12-34.56", "ABCDEF0123", "abcdef", "héllo ✓", "x",
            "not-a-token-at-all", "urn:xmpp:ping", "w:p", "g.us", "lid"};

    static String randomString(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> WORDS[r.nextInt(WORDS.length)];
            case 1 -> Long.toString(Math.abs(r.nextLong()));
            case 2 -> HexFormat.of().withUpperCase().formatHex(bytes(r, 1 + r.nextInt(20)));
            default -> {
                StringBuilder sb = new StringBuilder();
                int n = 1 + r.nextInt(30);
                for (int i = 0; i < n; i++) {
                    sb.appendCodePoint(r.nextInt(10) == 0 ? 0x4E00 + r.nextInt(500) : 0x21 + r.nextInt(90));
                }
                yield sb.toString();
            }
        };
    }

    static Jid randomJid(Random r) {
        String user = Long.toString(1_000_000 + Math.abs(r.nextLong() % 1_000_000_000_000L));
        return switch (r.nextInt(6)) {
            case 0 -> Jid.phone(user);
            case 1 -> new Jid(user, 0, 1 + r.nextInt(99), Jid.USER_SERVER);
            case 2 -> new Jid(user, 0, r.nextInt(50), Jid.LID_SERVER);
            case 3 -> Jid.user(user + "-" + r.nextInt(1000), Jid.GROUP_SERVER);
            case 4 -> Jid.SERVER;
            default -> new Jid(user, 0, r.nextInt(5), "hosted");
        };
    }

    static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    static Node randomNode(Random r, int depth) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            attrs.put(randomString(r) + i, r.nextInt(3) == 0 ? randomJid(r) : randomString(r));
        }
        String tag = randomString(r);
        return switch (depth > 3 ? r.nextInt(2) : r.nextInt(3)) {
            case 0 -> Node.of(tag, attrs);
            case 1 -> Node.of(tag, attrs, bytes(r, r.nextInt(10) == 0 ? 300 + r.nextInt(70_000) : r.nextInt(300)));
            default -> {
                List<Node> children = new ArrayList<>();
                int c = r.nextInt(4);
                for (int i = 0; i < c; i++) {
                    children.add(randomNode(r, depth + 1));
                }
                yield Node.of(tag, attrs, children);
            }
        };
    }

    @Test
    void encodeThenDecodeIsIdentity() {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        for (int i = 0; i < 3000; i++) {
            Node node = randomNode(r, 0);
            byte[] encoded = NodeEncoder.encode(node);
            try {
                assertEquals(node, NodeDecoder.decode(encoded, 1 << 20));
            } catch (Throwable t) {
                String shown = node.toString();
                fail("seed " + seed + " node " + shown.substring(0, Math.min(400, shown.length())), t);
            }
        }
    }

    @Test
    void dictionaryVersion2RoundTripsAndDiffersFrom3() {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        for (int i = 0; i < 500; i++) {
            Node node = randomNode(r, 0);
            assertEquals(node, NodeDecoder.decode(NodeEncoder.encode(node, TokenDictionary.V2), 1 << 20, TokenDictionary.V2), "seed " + seed);
        }
        // The versions' lists differ: the same node has different bytes.
        byte[] v2 = NodeEncoder.encode(Node.of("iq"), TokenDictionary.V2);
        byte[] v3 = NodeEncoder.encode(Node.of("iq"), TokenDictionary.V3);
        org.junit.jupiter.api.Assertions.assertFalse(java.util.Arrays.equals(v2, v3));
    }

    @Test
    void compressedFramesDecodeToTheSameNode() {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        for (int i = 0; i < 200; i++) {
            Node node = randomNode(r, 0);
            byte[] plain = NodeEncoder.encode(node);
            Deflater d = new Deflater();
            d.setInput(plain, 1, plain.length - 1);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(2);
            byte[] buf = new byte[4096];
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            d.end();
            assertEquals(node, NodeDecoder.decode(out.toByteArray(), 1 << 20), "seed " + seed);
        }
    }

    @Test
    void arbitraryBytesOnlyEverThrowTheCodecsException() {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        for (int i = 0; i < 50_000; i++) {
            byte[] input;
            if (r.nextBoolean()) {
                input = bytes(r, r.nextInt(64));
            } else {
                // mutate a valid encoding: closer to the decoder's deep paths
                input = NodeEncoder.encode(randomNode(r, 2));
                int flips = 1 + r.nextInt(4);
                for (int f = 0; f < flips && input.length > 1; f++) {
                    input[1 + r.nextInt(input.length - 1)] = (byte) r.nextInt(256);
                }
                if (r.nextInt(4) == 0) {
                    input = java.util.Arrays.copyOf(input, r.nextInt(input.length + 1));
                }
            }
            try {
                NodeDecoder.decode(input, 1 << 16);
            } catch (NodeCodecException expected) {
                // the only allowed failure
            } catch (Throwable t) {
                String hex = HexFormat.of().formatHex(input);
                fail("seed " + seed + " input " + hex.substring(0, Math.min(400, hex.length())) + " threw " + t, t);
            }
        }
    }

    @Test
    void hugeDeclaredLengthsAreRefusedBeforeAllocating() {
        // LIST_8 2, tag "iq", then BINARY_32 claiming 2^31 bytes: must not try to allocate them.
        byte[] claim = HexFormat.of().parseHex("00f80219fe80000000");
        assertThrows(NodeCodecException.class, () -> NodeDecoder.decode(claim, 1 << 16));
        // LIST_16 of 65535 children with nothing behind them.
        byte[] children = HexFormat.of().parseHex("00f80219f9ffff");
        assertThrows(NodeCodecException.class, () -> NodeDecoder.decode(children, 1 << 16));
        // A zip bomb: 1 MiB of zeros compressed, limit 64 KiB.
        Deflater d = new Deflater(9);
        d.setInput(new byte[1 << 20]);
        d.finish();
        byte[] buf = new byte[1 << 16];
        int n = d.deflate(buf);
        byte[] bomb = new byte[n + 1];
        bomb[0] = 2;
        System.arraycopy(buf, 0, bomb, 1, n);
        assertThrows(NodeCodecException.class, () -> NodeDecoder.decode(bomb, 1 << 16));
    }

    @Test
    void nestedJidPairsCannotOverflowTheStack() {
        // LIST_8 2, tag "iq", content = JID_PAIR whose user is a JID_PAIR whose user is ...
        byte[] bytes = new byte[100_000];
        bytes[0] = 0;
        bytes[1] = (byte) 0xf8;
        bytes[2] = 2;
        bytes[3] = 0x19;
        java.util.Arrays.fill(bytes, 4, bytes.length, (byte) 250);
        assertThrows(NodeCodecException.class, () -> NodeDecoder.decode(bytes, 1 << 20));
    }

    @Test
    void deepNestingIsRefused() {
        Node n = Node.of("leaf");
        for (int i = 0; i < 100; i++) {
            n = Node.of("n", Map.of(), List.of(n));
        }
        byte[] deep = NodeEncoder.encode(n);
        assertThrows(NodeCodecException.class, () -> NodeDecoder.decode(deep, 1 << 16));
    }
}
