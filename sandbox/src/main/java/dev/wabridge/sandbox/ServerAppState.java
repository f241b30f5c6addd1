package dev.wabridge.sandbox;

import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.routing.Iq;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code <iq xmlns="w:sync:app:state" type="set"><sync><collection name version/>…}: the
 * app-state patches a device has not seen (whatsmeow appstate.go fetchAppStatePatches; Baileys
 * chats.ts resyncAppState). The sandbox's accounts have no app-state mutations yet, so each
 * asked collection is answered at version 0 with no patches and no more to come, which is
 * what a fresh account's server answers; clients then consider themselves in sync.
 */
final class ServerAppState {
    private final SandboxConnection connection;

    ServerAppState(SandboxConnection connection) {
        this.connection = connection;
    }

    void onSync(Node iq) {
        if (!connection.requireLogin(iq)) {
            return;
        }
        List<Node> collections = new ArrayList<>();
        for (Node c : iq.child("sync").map(s -> s.children("collection")).orElse(List.of())) {
            if (c.attr("name") != null) {
                collections.add(Node.of("collection", Node.attrs("name", c.attr("name"), "version", "0")));
            }
        }
        connection.write(Iq.serverResult(iq, List.of(Node.of("sync", Map.of(), collections.isEmpty() ? null : collections))));
    }
}
