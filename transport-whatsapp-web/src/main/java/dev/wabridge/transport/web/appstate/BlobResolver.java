package dev.wabridge.transport.web.appstate;

import dev.wabridge.transport.web.services.SessionServices;
import dev.wabridge.wire.appstate.AppStateException;
import dev.wabridge.wire.appstate.ExternalBlobContents;
import dev.wabridge.wire.appstate.SyncNodes;
import dev.wabridge.wire.proto.ExternalBlobReference;
import dev.wabridge.wire.proto.SyncdPatch;
import dev.wabridge.wire.proto.SyncdSnapshot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Downloads what one app-state answer keeps on WhatsApp's media servers (whatsmeow
 * appstate/decode.go ParsePatchList with appstate.go downloadExternalAppStateBlob; Baileys
 * chat-utils.ts extractSyncdPatches and decodePatches): the {@code <snapshot>} and the
 * {@code externalMutations} of each patch, one after another, each opened and checked
 * ({@link ExternalBlobContents}) before the next. The result is the answer as if all of it had
 * been inline, for the decoder. A reference that declares more than the size limit is refused
 * without a download. A blob that cannot be had, or does not verify, fails the whole answer with
 * a {@code TransportException} naming it, so nothing of the answer is stored. Runs on, and
 * completes on, the session's actor.
 */
final class BlobResolver {
    /** The answer's snapshot and patches, all of their content at hand. */
    record Resolved(Optional<SyncdSnapshot> snapshot, List<SyncdPatch> patches) {
    }

    /** The (still encrypted) file a reference points at; may complete on any thread. */
    @FunctionalInterface
    interface Downloads {
        CompletableFuture<byte[]> file(ExternalBlobReference ref);
    }

    private final SessionServices session;
    private final Downloads downloads;
    private final long maxBytes;

    BlobResolver(SessionServices session, Downloads downloads, long maxBytes) {
        this.session = session;
        this.downloads = downloads;
        this.maxBytes = maxBytes;
    }

    CompletableFuture<Resolved> resolve(String collection, SyncNodes.PatchList list) {
        CompletableFuture<Optional<SyncdSnapshot>> snapshot = list.snapshot().isEmpty()
                ? CompletableFuture.completedFuture(Optional.empty())
                : fetch(collection, "snapshot", list.snapshot().get()).thenApply(file -> Optional.of(open(() ->
                        ExternalBlobContents.snapshot(collection, list.snapshot().get(), file), collection)));
        return snapshot.thenCompose(s -> patches(collection, list.patches(), 0, new ArrayList<>()).thenApply(ps -> new Resolved(s, ps)));
    }

    private CompletableFuture<List<SyncdPatch>> patches(String collection, List<SyncdPatch> in, int i, List<SyncdPatch> out) {
        for (; i < in.size() && !in.get(i).hasExternalMutations(); i++) {
            out.add(in.get(i));
        }
        if (i == in.size()) {
            return CompletableFuture.completedFuture(out);
        }
        SyncdPatch patch = in.get(i);
        int next = i + 1;
        return fetch(collection, "mutations of v" + patch.getVersion().getVersion(), patch.getExternalMutations()).thenCompose(file -> {
            out.add(open(() -> ExternalBlobContents.withMutations(collection, patch, file), collection));
            return patches(collection, in, next, out);
        });
    }

    /** Downloads one blob and comes back to the actor. */
    private CompletableFuture<byte[]> fetch(String collection, String what, ExternalBlobReference ref) {
        if (ref.getFileSizeBytes() > maxBytes) {
            return CompletableFuture.failedFuture(AppStateFailures.tooLarge(collection, what, ref.getFileSizeBytes(), maxBytes));
        }
        CompletableFuture<byte[]> back = new CompletableFuture<>();
        downloads.file(ref).whenComplete((file, e) -> session.schedule(() -> {
            if (e != null) {
                back.completeExceptionally(AppStateFailures.download(collection, what, AppStateFailures.unwrap(e)));
            } else {
                back.complete(file);
            }
        }, Duration.ZERO));
        return back;
    }

    private interface Opening<T> {
        T open() throws AppStateException;
    }

    private static <T> T open(Opening<T> opening, String collection) {
        try {
            return opening.open();
        } catch (AppStateException e) {
            throw AppStateFailures.of(collection, e);
        }
    }
}
