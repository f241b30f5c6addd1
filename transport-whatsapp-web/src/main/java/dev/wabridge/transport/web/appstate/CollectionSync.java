package dev.wabridge.transport.web.appstate;

import dev.wabridge.transport.web.services.SessionServices;
import dev.wabridge.wire.appstate.AppStateException;
import dev.wabridge.wire.appstate.AppStateKeyStore;
import dev.wabridge.wire.appstate.AppStateVersionStore;
import dev.wabridge.wire.appstate.LtHash;
import dev.wabridge.wire.appstate.PatchDecoder;
import dev.wabridge.wire.appstate.SyncNodes;
import dev.wabridge.wire.binary.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Brings one app-state collection up to the server's latest version (whatsmeow appstate.go
 * fetchAppState and applyAppStatePatches): asks for the patches after our version, or for
 * everything when we know nothing (return_snapshot; an existing account's collection then comes
 * as a snapshot on the media servers), downloads what the answer keeps there
 * ({@link BlobResolver}), decodes it with every MAC checked, and stores the new version, LT-hash
 * and value MACs in one key-store transaction per answer (a snapshot replaces every MAC kept
 * before); it repeats while the server says {@code has_more_patches}. When the patches do not
 * verify against our state (an LT-hash or MAC mismatch), or the server is behind the version we
 * hold (its state was reset, as a restarted sandbox's is), it starts over once from nothing, as
 * Baileys does after a failed sync. A blob that does not verify fails at once (asking again
 * would not change the server's copy). Syncs of a collection run one after another. Runs on the
 * session's actor.
 */
public final class CollectionSync {
    private static final Logger log = LoggerFactory.getLogger(CollectionSync.class);
    /** Answers per sync before it stops (a server that always says has_more_patches cannot loop us). */
    static final int MAX_PAGES = 100;

    private final SessionServices session;
    private final BlobResolver blobs;
    private final Map<String, CompletableFuture<Void>> running = new HashMap<>();

    CollectionSync(SessionServices session, BlobResolver blobs) {
        this.session = session;
        this.blobs = blobs;
    }

    /** Whether we follow this collection already (we have its version). */
    public boolean follows(String collection) {
        return versions().version(collection).isPresent();
    }

    /** Completes once the collection is at the server's latest version (after any sync already running). */
    public CompletableFuture<Void> sync(String collection) {
        CompletableFuture<Void> next = running.getOrDefault(collection, CompletableFuture.completedFuture(null))
                .handle((ok, e) -> null)
                .thenCompose(x -> fetch(collection, 0, true));
        running.put(collection, next);
        return next;
    }

    private CompletableFuture<Void> fetch(String collection, int page, boolean mayStartOver) {
        if (page >= MAX_PAGES) {
            return CompletableFuture.failedFuture(AppStateFailures.refused(collection, 508));
        }
        long from = versions().version(collection).map(AppStateVersionStore.Version::version).orElse(-1L);
        return session.request("set", SyncNodes.XMLNS, List.of(SyncNodes.fetch(collection, from))).thenCompose(answer -> {
            Node c = SyncNodes.collection(answer, collection).orElse(null);
            if (c == null) {
                return CompletableFuture.completedFuture(null); // nothing for it: nothing new
            }
            SyncNodes.PatchList list;
            try {
                list = SyncNodes.parse(c);
            } catch (AppStateException e) {
                return CompletableFuture.failedFuture(AppStateFailures.of(collection, e));
            }
            if (list.snapshot().isPresent() && from >= 0) {
                return CompletableFuture.failedFuture(AppStateFailures.unexpectedSnapshot(collection));
            }
            // Only when the server names a version: an answer without one (whatsmeow never reads it
            // there) must not make us throw our state away at every server_sync.
            if (c.attr("version") != null && from > list.version() && list.patches().isEmpty() && mayStartOver) {
                log.warn("session {}: the server has app state {} at v{}, behind our v{}; syncing it again from the start",
                        session.sessionId(), collection, list.version(), from);
                return startOver(collection);
            }
            return blobs.resolve(collection, list).thenCompose(resolved -> {
                try {
                    apply(collection, resolved);
                } catch (AppStateException e) {
                    if (e.kind() == AppStateException.Kind.BAD_MAC && mayStartOver) {
                        log.warn("session {}: app state {} does not verify ({}); syncing it again from the start",
                                session.sessionId(), collection, e.getMessage());
                        return startOver(collection);
                    }
                    return CompletableFuture.failedFuture(AppStateFailures.of(collection, e));
                }
                return list.hasMorePatches() ? fetch(collection, page + 1, mayStartOver) : CompletableFuture.completedFuture(null);
            });
        });
    }

    /** Forgets what we hold of the collection and fetches all of it, once. */
    private CompletableFuture<Void> startOver(String collection) {
        session.keys().transaction(tx -> {
            new AppStateVersionStore(tx).delete(collection);
            return null;
        });
        return fetch(collection, 0, false);
    }

    /** Decodes one answer against where we stand now (nowhere, for a snapshot) and stores the result, all or nothing. */
    private void apply(String collection, BlobResolver.Resolved answer) throws AppStateException {
        AppStateVersionStore versions = versions();
        AppStateKeyStore keys = new AppStateKeyStore(session.keys());
        AppStateVersionStore.Version zero = new AppStateVersionStore.Version(0, new byte[LtHash.SIZE]);
        AppStateVersionStore.Version start = answer.snapshot().isPresent() ? zero : versions.version(collection).orElse(zero);
        PatchDecoder.Result r = new PatchDecoder(collection, id -> keys.get(id).map(AppStateKeyStore.SyncKey::keyData),
                index -> versions.valueMac(collection, index)).decode(start, answer.snapshot(), answer.patches());
        boolean replace = r.fromSnapshot() || versions.version(collection).isEmpty();
        session.keys().transaction(tx -> {
            new AppStateVersionStore(tx).apply(collection, r.state(), r.valueMacs(), replace);
            return null;
        });
        log.debug("session {}: app state {} at v{} ({} mutations{})", session.sessionId(), collection, r.state().version(),
                r.mutations().size(), r.fromSnapshot() ? ", from a snapshot" : "");
    }

    private AppStateVersionStore versions() {
        return new AppStateVersionStore(session.keys());
    }
}
