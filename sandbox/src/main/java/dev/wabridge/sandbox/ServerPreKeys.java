package dev.wabridge.sandbox;

import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.routing.Iq;

import java.util.List;

/**
 * The {@code xmlns="encrypt"} IQs of a logged-in device (whatsmeow prekeys.go): how many
 * one-time prekeys the server still holds, and uploads of new ones. Runs on the connection's
 * event loop.
 */
final class ServerPreKeys {
    private final SandboxServer server;
    private final SandboxConnection connection;

    ServerPreKeys(SandboxServer server, SandboxConnection connection) {
        this.server = server;
        this.connection = connection;
    }

    /** {@code <iq type="get" xmlns="encrypt"><count/></iq>}. */
    void onCount(Node iq) {
        if (!connection.requireLogin(iq)) {
            return;
        }
        connection.write(Iq.serverResult(iq, List.of(Node.of("count", Node.attrs("value", Integer.toString(keys().count()))))));
    }

    /** {@code <iq type="set" xmlns="encrypt"><registration/>…<list>…</list><skey>…</skey></iq>}. */
    void onUpload(Node iq) {
        if (!connection.requireLogin(iq)) {
            return;
        }
        keys().upload(iq);
        connection.write(Iq.serverResult(iq, List.of()));
    }

    private PreKeys keys() {
        return server.preKeys.computeIfAbsent(connection.device().jid().toString(), j -> new PreKeys());
    }
}
