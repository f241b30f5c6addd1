package dev.wabridge.transport.web.prekeys;

import dev.wabridge.transport.web.services.SessionServices;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.signal.x3dh.PreKeyBundle;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * Fetches other devices' prekey bundles to start Signal sessions with them (whatsmeow
 * prekeys.go fetchPreKeys / nodeToPreKeyBundle): one {@code <iq xmlns="encrypt" type="get">}
 * with a {@code <user>} per device. A device the server has no keys for (an
 * {@code <error>} child) is left out of the answer; the caller skips it.
 */
public final class BundleFetcher {
    private final SessionServices session;

    public BundleFetcher(SessionServices session) {
        this.session = session;
    }

    public CompletableFuture<Map<Jid, PreKeyBundle>> fetch(List<Jid> devices) {
        List<Node> users = new ArrayList<>();
        for (Jid d : devices) {
            users.add(Node.of("user", Node.attrs("jid", d, "reason", "identity")));
        }
        return session.request("get", "encrypt", List.of(Node.of("key", Map.of(), users))).thenApply(BundleFetcher::parse);
    }

    /** Bundles from an answer (or any node with a {@code <list><user>…} of the same shape, e.g. a retry receipt's keys). */
    public static Map<Jid, PreKeyBundle> parse(Node answer) {
        Map<Jid, PreKeyBundle> out = new LinkedHashMap<>();
        for (Node user : answer.child("list").map(l -> l.children("user")).orElse(List.of())) {
            if (user.child("error").isPresent()) {
                continue;
            }
            try {
                Jid jid = user.jid("jid").orElseThrow();
                Node skey = user.child("skey").orElseThrow();
                Node key = user.child("key").orElse(null);
                out.put(jid, new PreKeyBundle(
                        ByteBuffer.wrap(bytes(user, "registration")).getInt(),
                        bytes(user, "identity"),
                        id3(bytes(skey, "id")),
                        bytes(skey, "value"),
                        bytes(skey, "signature"),
                        key == null ? OptionalInt.empty() : OptionalInt.of(id3(bytes(key, "id"))),
                        key == null ? null : bytes(key, "value")));
            } catch (RuntimeException malformed) {
                // one malformed bundle must not stop the others; that device is skipped
            }
        }
        return out;
    }

    private static byte[] bytes(Node parent, String child) {
        byte[] b = parent.child(child).map(Node::bytes).orElseThrow(() -> new IllegalArgumentException("bundle without " + child));
        if (b == null) {
            throw new IllegalArgumentException("empty " + child);
        }
        return b;
    }

    /** Ids travel as 3 big-endian bytes. */
    private static int id3(byte[] b) {
        int v = 0;
        for (byte x : b) {
            v = (v << 8) | (x & 0xFF);
        }
        return v;
    }
}
