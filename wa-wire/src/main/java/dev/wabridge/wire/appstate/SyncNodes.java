package dev.wabridge.wire.appstate;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.proto.ExternalBlobReference;
import dev.wabridge.wire.proto.SyncdPatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code <iq xmlns="w:sync:app:state" type="set">} shapes (whatsmeow appstate.go
 * fetchAppStatePatches and SendAppState, decode.go ParsePatchList; Baileys chats.ts
 * resyncAppState, appPatch and chat-utils.ts extractSyncdPatches):
 * <ul>
 *   <li>fetch: {@code <sync><collection name version return_snapshot="false"/></sync>}, or
 *       without {@code version} and with {@code return_snapshot="true"} when we know nothing;</li>
 *   <li>send: {@code <sync><collection name version return_snapshot="false"><patch>SyncdPatch</patch></collection></sync>}
 *       with the version the patch builds on;</li>
 *   <li>answer: {@code <sync><collection name version [has_more_patches="true"] [type="error"]>}
 *       with {@code <patches><patch>…} and/or {@code <snapshot>ExternalBlobReference}, and
 *       {@code <error code>} on an error (409: the version we built on is not the latest).</li>
 * </ul>
 */
public final class SyncNodes {
    /** The IQ namespace. */
    public static final String XMLNS = "w:sync:app:state";

    /** One collection of an answer. */
    public record PatchList(String name, long version, boolean hasMorePatches, List<SyncdPatch> patches,
                            Optional<ExternalBlobReference> snapshot, OptionalInt errorCode) {
    }

    private SyncNodes() {
    }

    /** Asks for the patches after {@code version}, or (negative) for everything from a snapshot. */
    public static Node fetch(String collection, long version) {
        Map<String, Object> attrs = Node.attrs("name", collection, "return_snapshot", version < 0 ? "true" : "false");
        if (version >= 0) {
            attrs.put("version", Long.toString(version));
        }
        return Node.of("sync", Map.of(), List.of(Node.of("collection", attrs)));
    }

    /** Sends one patch built on {@code version}. */
    public static Node send(String collection, long version, SyncdPatch patch) {
        return Node.of("sync", Map.of(), List.of(Node.of("collection",
                Node.attrs("name", collection, "version", Long.toString(version), "return_snapshot", "false"),
                List.of(Node.of("patch", Map.of(), patch.toByteArray())))));
    }

    /** The answer's collection of that name (the result IQ holds {@code <sync>}). */
    public static Optional<Node> collection(Node answer, String name) {
        return answer.child("sync").stream().flatMap(s -> s.children("collection").stream())
                .filter(c -> name.equals(c.attr("name"))).findFirst();
    }

    public static PatchList parse(Node collection) throws AppStateException {
        List<SyncdPatch> patches = new ArrayList<>();
        Node holder = collection.child("patches").orElse(collection);
        try {
            for (Node p : holder.children("patch")) {
                if (p.bytes() != null) {
                    patches.add(SyncdPatch.parseFrom(p.bytes()));
                }
            }
            Optional<ExternalBlobReference> snapshot = Optional.empty();
            Optional<Node> s = collection.child("snapshot");
            if (s.isPresent() && s.get().bytes() != null) {
                snapshot = Optional.of(ExternalBlobReference.parseFrom(s.get().bytes()));
            }
            OptionalInt error = OptionalInt.empty();
            if ("error".equals(collection.attr("type"))) {
                error = OptionalInt.of(collection.child("error").map(e -> number(e.attr("code"))).orElse(500));
            }
            return new PatchList(collection.attr("name"), version(collection.attr("version")),
                    "true".equals(collection.attr("has_more_patches")), patches, snapshot, error);
        } catch (InvalidProtocolBufferException e) {
            throw AppStateException.malformed("an app-state answer does not parse: " + e.getMessage());
        }
    }

    private static long version(String s) {
        try {
            return s == null ? 0 : Math.max(0, Long.parseLong(s));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int number(String s) {
        try {
            return s == null ? 0 : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 500;
        }
    }
}
