package dev.wabridge.sandbox;

import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.routing.Iq;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code xmlns="encrypt"} IQs of a logged-in device (whatsmeow prekeys.go): how many
 * one-time prekeys the server still holds, uploads of new ones, rotations of the signed prekey,
 * and fetching other devices' bundles (which uses up their one-time keys; the owner is told
 * when it runs low). Runs on the connection's event loop.
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
        boolean first = keys().count() == 0 && !keys().hasIdentity();
        keys().upload(iq);
        connection.write(Iq.serverResult(iq, List.of()));
        if (first) {
            // a freshly linked device can now be reached: its phone shares the app-state keys, as a real phone does
            server.companionReady(connection.device());
        }
    }

    /**
     * {@code <iq type="set" xmlns="encrypt"><rotate><skey><id/><value/><signature/></skey></rotate></iq>}
     * (Baileys rotateSignedPreKey): the device's new signed prekey, which later bundle fetches
     * carry. A signature that is not the device's identity key's: {@code <error code="406">},
     * and the old key stays; no skey at all: 400.
     */
    void onRotate(Node iq) {
        if (!connection.requireLogin(iq)) {
            return;
        }
        Optional<Node> skey = iq.child("rotate").flatMap(r -> r.child("skey"));
        if (skey.isEmpty()) {
            connection.write(Iq.serverError(iq, 400, "bad-request"));
        } else if (!keys().rotate(skey.get(), connection.device().identityKey())) {
            connection.write(Iq.serverError(iq, 406, "not-acceptable"));
        } else {
            connection.write(Iq.serverResult(iq, List.of()));
        }
    }

    /**
     * {@code <iq type="get" xmlns="encrypt"><key><user jid="u:d@s.whatsapp.net"/>…</key></iq>}:
     * one bundle per asked device, or {@code <error code="404">} for a device without keys.
     */
    void onFetch(Node iq) {
        if (!connection.requireLogin(iq)) {
            return;
        }
        List<Node> users = new ArrayList<>();
        for (Node user : iq.child("key").map(k -> k.children("user")).orElse(List.of())) {
            String jid = user.attr("jid");
            if (jid == null) {
                continue;
            }
            PreKeys keys = server.preKeys.get(Jid.parse(jid).toString());
            Optional<List<Node>> bundle = keys == null ? Optional.empty() : keys.takeBundle();
            users.add(Node.of("user", Node.attrs("jid", Jid.parse(jid)), bundle.orElseGet(() ->
                    List.of(Node.of("error", Node.attrs("code", "404", "text", "item-not-found"))))));
            if (keys != null && keys.count() < PreKeys.LOW_WATERMARK) {
                server.fanOut().lowPreKeys(jid, keys.count());
            }
        }
        connection.write(Iq.serverResult(iq, List.of(Node.of("list", Map.of(), users.isEmpty() ? null : users))));
    }

    private PreKeys keys() {
        return server.preKeys.computeIfAbsent(connection.device().jid().toString(), j -> new PreKeys());
    }
}
