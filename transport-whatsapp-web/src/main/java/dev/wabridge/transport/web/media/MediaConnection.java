package dev.wabridge.transport.web.media;

import dev.wabridge.transport.web.services.SessionServices;
import dev.wabridge.wire.binary.Node;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Which media hosts this session may download from (whatsmeow mediaconn.go queryMediaConn and
 * refreshMediaConn; Baileys socket.ts refreshMediaConn): {@code <iq xmlns="w:m" type="set"><media_conn/></iq>}
 * is answered with {@code <media_conn auth ttl auth_ttl max_buckets><host hostname/>…</media_conn>}.
 * The answer is kept until {@code ttl} seconds after it came (whatsmeow MediaConn.Expiry), so a
 * run of downloads asks once; requests made while one is on its way share it. {@code auth} is kept
 * for uploads (whatsmeow upload.go), which wabridge does not make yet. Runs on the session's actor.
 */
public final class MediaConnection {
    /** The IQ namespace (whatsmeow queryMediaConn). */
    static final String XMLNS = "w:m";

    /** The hosts in the server's order, the upload token, and when this answer stops being good. */
    public record Hosts(List<String> hostnames, String auth, Instant expires) {
        public Hosts {
            hostnames = List.copyOf(hostnames);
        }
    }

    private final SessionServices session;
    private CompletableFuture<Hosts> current;

    public MediaConnection(SessionServices session) {
        this.session = session;
    }

    /** The hosts, asked for when none are known or the last answer expired. */
    public CompletableFuture<Hosts> hosts() {
        if (current != null && (!current.isDone() || (!current.isCompletedExceptionally()
                && session.clock().instant().isBefore(current.join().expires())))) {
            return current;
        }
        current = session.request("set", XMLNS, List.of(Node.of("media_conn", Map.of()))).thenApply(this::parse);
        return current;
    }

    /** Drops the hosts kept (a download that none of them served may do better with fresh ones). */
    public void forget() {
        current = null;
    }

    private Hosts parse(Node answer) {
        Node mc = answer.child("media_conn").orElseThrow(() -> new IllegalStateException("the media_conn answer holds no <media_conn>"));
        List<String> hosts = new ArrayList<>();
        for (Node h : mc.children("host")) {
            if (h.attr("hostname") != null && !h.attr("hostname").isBlank()) {
                hosts.add(h.attr("hostname"));
            }
        }
        if (hosts.isEmpty()) {
            throw new IllegalStateException("the media_conn answer names no host");
        }
        long ttl;
        try {
            ttl = Long.parseLong(mc.attr("ttl"));
        } catch (NumberFormatException e) {
            ttl = 0; // whatsmeow refuses it; we use it for this download only
        }
        return new Hosts(hosts, mc.attr("auth"), session.clock().instant().plus(Duration.ofSeconds(Math.max(0, ttl))));
    }
}
