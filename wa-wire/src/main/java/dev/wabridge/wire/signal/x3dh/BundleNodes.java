package dev.wabridge.wire.signal.x3dh;

import dev.wabridge.wire.binary.Node;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A prekey bundle as WhatsApp's nodes carry it, both ways (whatsmeow prekeys.go
 * nodeToPreKeyBundle / preKeyToNode): {@code <registration>} 4 bytes, {@code <type>} 0x05,
 * {@code <identity>}, an optional {@code <key><id/><value/></key>} and
 * {@code <skey><id/><value/><signature/></skey>}, ids as 3 big-endian bytes. The server's
 * answer to a bundle fetch, a retry receipt's {@code <keys>}, and the sandbox's phones all use it.
 */
public final class BundleNodes {
    private BundleNodes() {
    }

    /** The bundle in {@code parent}'s children; throws IllegalArgumentException when a part is missing or malformed. */
    public static PreKeyBundle parse(Node parent) {
        Node skey = parent.child("skey").orElseThrow(() -> new IllegalArgumentException("bundle without skey"));
        Node key = parent.child("key").orElse(null);
        byte[] registration = bytes(parent, "registration");
        if (registration.length != 4) {
            throw new IllegalArgumentException("a registration id is 4 bytes");
        }
        return new PreKeyBundle(ByteBuffer.wrap(registration).getInt(), bytes(parent, "identity"), id3(bytes(skey, "id")),
                bytes(skey, "value"), bytes(skey, "signature"),
                key == null ? OptionalInt.empty() : OptionalInt.of(id3(bytes(key, "id"))),
                key == null ? null : bytes(key, "value"));
    }

    /** The children of a {@code <user>} (or {@code <keys>}) element carrying {@code bundle}. */
    public static List<Node> toNodes(PreKeyBundle bundle) {
        List<Node> parts = new ArrayList<>();
        parts.add(Node.of("registration", Map.of(), ByteBuffer.allocate(4).putInt(bundle.registrationId()).array()));
        parts.add(Node.of("type", Map.of(), new byte[]{5}));
        parts.add(Node.of("identity", Map.of(), bundle.identityKey()));
        if (bundle.preKeyId().isPresent()) {
            parts.add(Node.of("key", Map.of(), List.of(Node.of("id", Map.of(), id3(bundle.preKeyId().getAsInt())),
                    Node.of("value", Map.of(), bundle.preKey()))));
        }
        parts.add(Node.of("skey", Map.of(), List.of(Node.of("id", Map.of(), id3(bundle.signedPreKeyId())),
                Node.of("value", Map.of(), bundle.signedPreKey()), Node.of("signature", Map.of(), bundle.signedPreKeySignature()))));
        return parts;
    }

    /** Prekey ids as 3 big-endian bytes. */
    public static byte[] id3(int id) {
        if (id < 0 || id > 0xFFFFFF) {
            throw new IllegalArgumentException("prekey ids are 24-bit: " + id);
        }
        return Arrays.copyOfRange(ByteBuffer.allocate(4).putInt(id).array(), 1, 4);
    }

    public static int id3(byte[] b) {
        if (b.length != 3) {
            throw new IllegalArgumentException("a prekey id is 3 bytes");
        }
        return ((b[0] & 0xFF) << 16) | ((b[1] & 0xFF) << 8) | (b[2] & 0xFF);
    }

    private static byte[] bytes(Node parent, String child) {
        byte[] b = parent.child(child).map(Node::bytes).orElse(null);
        if (b == null) {
            throw new IllegalArgumentException("bundle without " + child);
        }
        return b;
    }
}
