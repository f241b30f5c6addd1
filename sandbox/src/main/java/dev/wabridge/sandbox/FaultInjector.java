package dev.wabridge.sandbox;

import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.proto.ClientPayload;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server behaviours a client must survive, on request of a test: a {@code <failure>}
 * answer to the next logins (any reason, with its attributes: 402's {@code code} and
 * {@code expire}, 403's logout message), a minimum WhatsApp Web version below which every
 * hello gets {@code <failure reason="405">} (WhatsApp's "client outdated"), and stanzas no
 * client can read (see {@link #poison}). It also counts the logins of each device, so a test
 * can tell how often a client came back. Called from API threads and connection event loops.
 */
final class FaultInjector {
    /** A failure to answer the next {@code remaining} logins with. */
    private record PlannedFailure(Map<String, Object> attrs, AtomicInteger remaining) {
    }

    private final ConcurrentMap<String, AtomicInteger> logins = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, AtomicInteger> acks = new ConcurrentHashMap<>();
    private volatile PlannedFailure failure;
    private volatile long[] minVersion;
    /** An error code to answer the next {@code remaining} messages with, instead of routing them. */
    private volatile PlannedFailure messageError;

    /** The next {@code times} logins (of any device) get {@code <failure attrs/>}. */
    void failLogins(Map<String, Object> attrs, int times) {
        failure = times <= 0 ? null : new PlannedFailure(Map.copyOf(attrs), new AtomicInteger(times));
    }

    /**
     * The next {@code times} messages (from any device) are not routed and get
     * {@code <ack class="message" error="code">}, as WhatsApp answers a rate limit (429) or a
     * restriction (463).
     */
    void refuseMessages(String code, int times) {
        messageError = times <= 0 ? null : new PlannedFailure(Map.of("error", code), new AtomicInteger(times));
    }

    /** A device sent a message: the error code to refuse it with, if one is planned. */
    Optional<String> onMessage() {
        PlannedFailure f = messageError;
        if (f != null && f.remaining().getAndDecrement() > 0) {
            return Optional.of((String) f.attrs().get("error"));
        }
        return Optional.empty();
    }

    /** Hellos announcing an older version than {@code version} (e.g. {2, 3000, 1045649367}) are refused with 405; null: any. */
    void requireVersion(long[] version) {
        minVersion = version == null ? null : version.clone();
    }

    /** The version required, or null. */
    long[] requiredVersion() {
        long[] v = minVersion;
        return v == null ? null : v.clone();
    }

    /** A client said hello: the failure to answer with, if any. {@code device} is null while registering. */
    Optional<Node> onHello(ClientPayload payload, String device) {
        if (device != null) {
            logins.computeIfAbsent(device, d -> new AtomicInteger()).incrementAndGet();
        }
        if (outdated(payload)) {
            return Optional.of(Node.of("failure", Node.attrs("reason", "405", "location", "sandbox")));
        }
        PlannedFailure f = failure;
        if (device != null && f != null && f.remaining().getAndDecrement() > 0) {
            return Optional.of(Node.of("failure", f.attrs()));
        }
        return Optional.empty();
    }

    int logins(String device) {
        AtomicInteger n = logins.get(device);
        return n == null ? 0 : n.get();
    }

    void acked(String device, String id) {
        acks.computeIfAbsent(device + " " + id, k -> new AtomicInteger()).incrementAndGet();
    }

    int acks(String device, String id) {
        AtomicInteger n = acks.get(device + " " + id);
        return n == null ? 0 : n.get();
    }

    private boolean outdated(ClientPayload payload) {
        long[] min = minVersion;
        if (min == null) {
            return false;
        }
        ClientPayload.UserAgent.AppVersion v = payload.getUserAgent().getAppVersion();
        long[] got = {v.getPrimary(), v.getSecondary(), v.getTertiary()};
        for (int i = 0; i < 3; i++) {
            if (got[i] != min[i]) {
                return got[i] < min[i];
            }
        }
        return false;
    }

    /**
     * A stanza a client cannot take: {@code unknown-tag} (a tag no client handles, with an id
     * to ack), {@code big-frame} (the same with a blob of {@code size} bytes, 10 MiB by
     * default, beyond the 4 MiB many clients once accepted). {@code undecodable} is not a node: the
     * connection writes {@link #undecodableBytes} instead.
     */
    static Node poison(String kind, String id, int size) {
        return switch (kind) {
            case "unknown-tag" -> Node.of("wabridge-unknown", Node.attrs("id", id, "from", Jid.SERVER, "t", "1"));
            case "big-frame" -> Node.of("wabridge-unknown", Node.attrs("id", id, "from", Jid.SERVER, "t", "1"),
                    List.of(Node.of("blob", Map.of(), new byte[size])));
            default -> throw new IllegalArgumentException("poison kind must be undecodable, unknown-tag or big-frame");
        };
    }

    /** A frame's plaintext that is no node: flags 0, then a list tag that does not exist. */
    static byte[] undecodableBytes() {
        return new byte[]{0, (byte) 0xF8, 0x02, (byte) 0xF3, 0x13, 0x7F};
    }
}
