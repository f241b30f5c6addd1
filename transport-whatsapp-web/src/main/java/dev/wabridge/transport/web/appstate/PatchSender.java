package dev.wabridge.transport.web.appstate;

import dev.wabridge.transport.web.services.SessionServices;
import dev.wabridge.wire.appstate.AppStateException;
import dev.wabridge.wire.appstate.AppStateKeyStore;
import dev.wabridge.wire.appstate.AppStateVersionStore;
import dev.wabridge.wire.appstate.Mutation;
import dev.wabridge.wire.appstate.MutationKeys;
import dev.wabridge.wire.appstate.PatchEncoder;
import dev.wabridge.wire.appstate.SyncNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Sends one patch to a collection (whatsmeow appstate.go sendAppState): encrypted with the newest
 * app-state key the phone shared, built on the version we hold (the collection is synced first
 * when we hold none), sent as {@code <collection name version><patch>}. On success the
 * collection is synced, which reads our own patch back from the server, checks it and stores
 * the new version and LT-hash (as whatsmeow does). On a conflict (409: another device wrote
 * first) it syncs and tries once more with the patch rebuilt on the new version. Patches of
 * one collection go one after another, each built on the version the one before left (a burst
 * of archive_after_send would otherwise build every patch on the same version and most would
 * meet 409 twice). Runs on the session's actor.
 */
public final class PatchSender {
    private static final Logger log = LoggerFactory.getLogger(PatchSender.class);
    /** The server's answer when the patch is not built on the latest version (whatsmeow SendAppState retries on it). */
    static final int CONFLICT = 409;

    private final SessionServices session;
    private final CollectionSync sync;
    private final Supplier<byte[]> ivs;
    /** The last patch queued per collection; owned by the session's actor thread, like every call here. */
    private final Map<String, CompletableFuture<Void>> queued = new HashMap<>();

    public PatchSender(SessionServices session, CollectionSync sync, Supplier<byte[]> ivs) {
        this.session = session;
        this.sync = sync;
        this.ivs = ivs;
    }

    /** A fresh random IV per mutation, as both references draw one (whatsmeow cbcutil.Encrypt, Baileys aesEncrypt). */
    public static Supplier<byte[]> randomIvs() {
        SecureRandom random = new SecureRandom();
        return () -> {
            byte[] iv = new byte[16];
            random.nextBytes(iv);
            return iv;
        };
    }

    /** Sends the mutations {@code build} makes (called again for a retry: timestamps may move). */
    public CompletableFuture<Void> send(String collection, Supplier<List<Mutation>> build) {
        if (new AppStateKeyStore(session.keys()).latest().isEmpty()) {
            return CompletableFuture.failedFuture(AppStateFailures.noKeyYet());
        }
        CompletableFuture<Void> before = queued.getOrDefault(collection, CompletableFuture.completedFuture(null));
        CompletableFuture<Void> mine = before.handle((done, failed) -> null).thenCompose(x -> {
            CompletableFuture<Void> ready = sync.follows(collection) ? CompletableFuture.completedFuture(null) : sync.sync(collection);
            return ready.thenCompose(y -> attempt(collection, build, true));
        });
        queued.put(collection, mine);
        mine.whenComplete((done, failed) -> queued.remove(collection, mine));
        return mine;
    }

    private CompletableFuture<Void> attempt(String collection, Supplier<List<Mutation>> build, boolean mayRetry) {
        AppStateKeyStore.SyncKey key = new AppStateKeyStore(session.keys()).latest().orElse(null);
        AppStateVersionStore versions = new AppStateVersionStore(session.keys());
        AppStateVersionStore.Version current = versions.version(collection).orElse(null);
        if (key == null || current == null) {
            return CompletableFuture.failedFuture(key == null ? AppStateFailures.noKeyYet() : AppStateFailures.refused(collection, 500));
        }
        PatchEncoder.Encoded encoded;
        try {
            encoded = PatchEncoder.encode(collection, current, build.get(), key.keyId(), MutationKeys.expand(key.keyData()),
                    index -> versions.valueMac(collection, index), ivs);
        } catch (AppStateException e) {
            return CompletableFuture.failedFuture(AppStateFailures.of(collection, e));
        }
        return session.request("set", SyncNodes.XMLNS, List.of(SyncNodes.send(collection, current.version(), encoded.patch())))
                .thenCompose(answer -> {
                    OptionalInt error;
                    try {
                        error = SyncNodes.collection(answer, collection).isEmpty() ? OptionalInt.empty()
                                : SyncNodes.parse(SyncNodes.collection(answer, collection).get()).errorCode();
                    } catch (AppStateException e) {
                        return CompletableFuture.failedFuture(AppStateFailures.of(collection, e));
                    }
                    if (error.isEmpty()) {
                        return sync.sync(collection);
                    }
                    if (error.getAsInt() == CONFLICT && mayRetry) {
                        log.info("session {}: app state {} changed on another device meanwhile; syncing and sending again",
                                session.sessionId(), collection);
                        return sync.sync(collection).thenCompose(y -> attempt(collection, build, false));
                    }
                    return CompletableFuture.failedFuture(AppStateFailures.refused(collection, error.getAsInt()));
                });
    }
}
