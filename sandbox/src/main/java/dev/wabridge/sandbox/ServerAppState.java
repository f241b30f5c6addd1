package dev.wabridge.sandbox;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.proto.SyncdPatch;
import dev.wabridge.wire.routing.Iq;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code <iq xmlns="w:sync:app:state" type="set"><sync><collection …/>…}: a device fetches the
 * app-state patches it has not seen, or sends one (whatsmeow appstate.go fetchAppStatePatches
 * and SendAppState; Baileys chats.ts resyncAppState and appPatch), for each collection named:
 * <ul>
 *   <li>without a {@code <patch>}: the patches after {@code version}, {@code has_more_patches}
 *       when a page is full; with {@code return_snapshot="true"}, when the collection has any
 *       state, the whole collection as a snapshot on the media servers instead; a large patch's
 *       mutations are served as a blob too ({@link AppStateMedia});</li>
 *   <li>with a {@code <patch>}: stored as the next version when {@code version} is the latest
 *       (answer {@code <collection name version/>}), else the collection answers
 *       {@code type="error"} with {@code <error code="409"/>} and the patches the device missed,
 *       which whatsmeow applies before it retries; a patch that does not parse is a 400.</li>
 * </ul>
 * A fresh account's collections are empty at version 0.
 */
final class ServerAppState {
    private final SandboxConnection connection;
    private final AppStateCollections collections;
    private final AppStateMedia media;

    ServerAppState(SandboxConnection connection, AppStateCollections collections, AppStateMedia media) {
        this.connection = connection;
        this.collections = collections;
        this.media = media;
    }

    void onSync(Node iq) {
        if (!connection.requireLogin(iq)) {
            return;
        }
        Jid device = connection.device().jid();
        List<Node> answers = new ArrayList<>();
        for (Node c : iq.child("sync").map(s -> s.children("collection")).orElse(List.of())) {
            String name = c.attr("name");
            if (name != null) {
                long version = number(c.attr("version"));
                Optional<Node> patch = c.child("patch");
                answers.add(patch.isPresent() ? store(device, name, version, patch.get())
                        : fetch(device, name, version, "true".equals(c.attr("return_snapshot"))));
            }
        }
        connection.write(Iq.serverResult(iq, List.of(Node.of("sync", Map.of(), answers.isEmpty() ? null : answers))));
    }

    private Node fetch(Jid device, String name, long version, boolean snapshot) {
        Optional<Node> whole = snapshot ? media.snapshot(collections, device, name) : Optional.empty();
        return whole.orElseGet(() -> AppStateCollections.collection(name, media.served(collections.after(device, name, version)), null));
    }

    private Node store(Jid device, String name, long base, Node patchNode) {
        SyncdPatch patch;
        try {
            patch = SyncdPatch.parseFrom(patchNode.bytes() == null ? new byte[0] : patchNode.bytes());
        } catch (InvalidProtocolBufferException e) {
            return AppStateCollections.collection(name, new AppStateCollections.Page(base, List.of(), false),
                    Node.of("error", Node.attrs("code", "400", "text", "bad-request")));
        }
        OptionalLong version = collections.append(device, name, base, patch);
        if (version.isEmpty()) {
            return AppStateCollections.collection(name, media.served(collections.after(device, name, base)),
                    Node.of("error", Node.attrs("code", "409", "text", "conflict")));
        }
        return Node.of("collection", Node.attrs("name", name, "version", Long.toString(version.getAsLong())));
    }

    private static long number(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
