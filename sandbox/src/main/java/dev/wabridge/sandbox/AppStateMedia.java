package dev.wabridge.sandbox;

import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.proto.SyncdMutations;
import dev.wabridge.wire.proto.SyncdPatch;
import dev.wabridge.wire.proto.SyncdSnapshot;

import java.util.List;
import java.util.Optional;

/**
 * What of app state the sandbox serves through its media servers ({@link MediaBlobs}), as
 * WhatsApp does (whatsmeow appstate/decode.go ParsePatchList and Baileys chat-utils.ts
 * extractSyncdPatches show what clients get):
 * <ul>
 *   <li>a device that asks with {@code return_snapshot="true"} for a collection the account
 *       already has (an existing account's first sync) gets the collection as a snapshot blob
 *       ({@code <collection version><snapshot>ExternalBlobReference</snapshot>}) instead of its
 *       patches; a collection still empty answers as before, at version 0 with nothing;</li>
 *   <li>a patch whose mutations take more than {@value #EXTERNAL_BYTES} bytes, or every patch
 *       while a test forces it ({@link #alwaysExternal}), is served with its mutations in a blob
 *       ({@code SyncdPatch.externalMutations}, a {@code SyncdMutations}). WhatsApp's own threshold
 *       is not known; this one keeps the sandbox's small archive patches inline unless forced.</li>
 * </ul>
 * Each answer publishes fresh blobs; the stored patches never change.
 */
final class AppStateMedia {
    /** Mutations above this size go to a blob (the sandbox's choice; see above). */
    static final int EXTERNAL_BYTES = 16 << 10;

    private final MediaBlobs blobs;
    private volatile boolean alwaysExternal;

    AppStateMedia(MediaBlobs blobs) {
        this.blobs = blobs;
    }

    void alwaysExternal(boolean on) {
        alwaysExternal = on;
    }

    /** The {@code <collection>} of a snapshot of the collection when it has any state, else empty. */
    Optional<Node> snapshot(AppStateCollections collections, Jid device, String name) {
        Optional<SyncdSnapshot> s = collections.snapshot(device, name);
        return s.map(snapshot -> AppStateCollections.snapshotCollection(name, snapshot.getVersion().getVersion(),
                blobs.publish(snapshot.toByteArray())));
    }

    /** The page as served: large (or, when forced, all) patches with their mutations in a blob. */
    AppStateCollections.Page served(AppStateCollections.Page page) {
        List<SyncdPatch> patches = page.patches().stream().map(this::served).toList();
        return new AppStateCollections.Page(page.version(), patches, page.hasMore());
    }

    private SyncdPatch served(SyncdPatch p) {
        if (p.getMutationsCount() == 0) {
            return p;
        }
        SyncdMutations mutations = SyncdMutations.newBuilder().addAllMutations(p.getMutationsList()).build();
        if (!alwaysExternal && mutations.getSerializedSize() <= EXTERNAL_BYTES) {
            return p;
        }
        return p.toBuilder().clearMutations().setExternalMutations(blobs.publish(mutations.toByteArray())).build();
    }
}
