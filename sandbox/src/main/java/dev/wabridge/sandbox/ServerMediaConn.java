package dev.wabridge.sandbox;

import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.routing.Iq;

import java.util.Base64;
import java.util.List;

/**
 * {@code <iq xmlns="w:m" type="set"><media_conn/></iq>}: where a device may download media
 * (whatsmeow mediaconn.go queryMediaConn, Baileys messages-send.ts refreshMediaConn read the
 * answer): {@code <media_conn auth ttl auth_ttl max_buckets><host hostname maxContentLengthBytes/></media_conn>}.
 * The one host is the sandbox's own HTTP port ({@code 127.0.0.1:<port>}), served by
 * {@link SandboxMediaHttp} over plain http: a client must be told to allow that (wabridge:
 * transport setting {@code media_insecure_http}). The ttl is five minutes, so a client asks again
 * now and then; the auth token is random and not checked (nothing is uploaded).
 */
final class ServerMediaConn {
    /** Seconds the answer is good for (WhatsApp's are minutes to hours; short here so clients refresh). */
    static final int TTL_SECONDS = 300;

    private final SandboxConnection connection;
    private final SandboxServer server;

    ServerMediaConn(SandboxServer server, SandboxConnection connection) {
        this.server = server;
        this.connection = connection;
    }

    void onMediaConn(Node iq) {
        if (!connection.requireLogin(iq)) {
            return;
        }
        String auth = Base64.getUrlEncoder().withoutPadding().encodeToString(server.random(32));
        connection.write(Iq.serverResult(iq, List.of(Node.of("media_conn",
                Node.attrs("auth", auth, "ttl", Integer.toString(TTL_SECONDS), "auth_ttl", "21600", "max_buckets", "12"),
                List.of(Node.of("host", Node.attrs("hostname", server.mediaHost(),
                        "maxContentLengthBytes", Long.toString(100L << 20))))))));
    }
}
