package dev.wabridge.transport.web.prekeys;

import dev.wabridge.transport.web.device.Credentials;
import dev.wabridge.transport.web.device.SignalIdentity;
import dev.wabridge.transport.web.services.SessionServices;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.crypto.Curve25519;
import dev.wabridge.wire.crypto.KeyPair;
import dev.wabridge.wire.crypto.XEdDSA;
import dev.wabridge.wire.signal.protocol.DjbKeys;
import dev.wabridge.wire.signal.store.SignalStores;
import dev.wabridge.wire.signal.store.SignedPreKeyStore;
import dev.wabridge.wire.signal.store.SignedPreKeyStore.SignedPreKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Replaces our signed prekey once it is a month old, so a leaked signed prekey does not open
 * every future session (Signal's clients rotate within days to a month). The stanza is
 * Baileys' {@code rotateSignedPreKey} (socket.ts): {@code <iq xmlns="encrypt" type="set"><rotate>
 * <skey>} with the next id and a key signed by our identity; Baileys offers it without a
 * schedule, whatsmeow does not rotate. Runs after each login, after the prekey check.
 *
 * <p>Order, so no contact is ever left with a key we cannot use: the new key is stored (not
 * current) before the request, because the server may hand it out as soon as it has it; only
 * the server's answer makes it current and puts it in the credentials (later uploads carry
 * it), in one transaction. A failed or unanswered request keeps the current key, and the next
 * login sends the same stored key again. Rule for old keys: at each rotation we keep the new
 * key and the one it replaces and delete every other, so the previous key stays readable for
 * a whole rotation period (a contact may start a session from a bundle fetched before).
 * Never logs key material, only ids. Runs on the session's actor thread.
 */
public final class SignedPreKeyRotator {
    private static final Logger log = LoggerFactory.getLogger(SignedPreKeyRotator.class);
    /**
     * Age after which the signed prekey is replaced: the slow end of what Signal's clients do
     * (days to a month), since each rotation costs a request and every new session still gets
     * a fresh one-time prekey; also how long the replaced key stays readable.
     */
    public static final Duration ROTATE_AFTER = Duration.ofDays(30);
    /** Ids travel as 3 bytes; after the last one we start again at 1 (0 is never used). */
    static final int MAX_ID = 0xFFFFFF;

    private final SessionServices session;
    private final Duration rotateAfter;
    /** A rotation under way: a second login meanwhile waits for it rather than sending another. */
    private CompletableFuture<Void> rotating;

    public SignedPreKeyRotator(SessionServices session) {
        this(session, ROTATE_AFTER);
    }

    SignedPreKeyRotator(SessionServices session, Duration rotateAfter) {
        this.session = session;
        this.rotateAfter = rotateAfter;
    }

    /** After {@code <success>} and the prekey check: rotate if the current key is old; never fails. */
    public CompletableFuture<Void> afterLogin() {
        if (rotating != null && !rotating.isDone()) {
            return rotating;
        }
        if (Credentials.load(session.keys()).isEmpty()) {
            // logged out (keys wiped) since the login: session.credentials() would make new ones
            return CompletableFuture.completedFuture(null);
        }
        Credentials creds = session.credentials();
        Instant now = session.clock().instant();
        SignalIdentity.ensureSignedPreKey(session.keys(), creds, now);
        SignedPreKeyStore store = new SignalStores(session.keys()).signedPreKeys();
        SignedPreKey current = store.load(creds.signedPreKeyId()).orElseThrow();
        if (Duration.between(current.createdAt(), now).compareTo(rotateAfter) < 0) {
            return CompletableFuture.completedFuture(null);
        }
        int nextId = nextId(current.id());
        // A key stored by an attempt whose answer never came may already be on the server: send it again.
        SignedPreKey next = store.load(nextId).orElseGet(() -> generate(creds.identityKey(), nextId, now));
        store.store(next);
        rotating = session.request("set", "encrypt", List.of(rotateNode(next)))
                .thenRun(() -> commit(current.id(), next))
                .exceptionally(e -> {
                    log.warn("session {}: signed prekey rotation {} -> {} failed, keeping {} until the next login: {}",
                            session.sessionId(), current.id(), next.id(), current.id(),
                            (e instanceof CompletionException && e.getCause() != null ? e.getCause() : e).getMessage());
                    return null;
                });
        return rotating;
    }

    /** The server has the new key: make it current, put it in the credentials, drop all but it and the previous one. */
    private void commit(int previousId, SignedPreKey next) {
        Credentials updated = session.credentials().withSignedPreKey(next.id(), next.keyPair(), next.signature());
        session.keys().transaction(tx -> {
            SignedPreKeyStore store = new SignalStores(tx).signedPreKeys();
            store.makeCurrent(next.id());
            store.ids().stream().filter(id -> id != next.id() && id != previousId).forEach(store::remove);
            updated.save(tx);
            return null;
        });
        // Only after the commit: the session's credentials in memory never run ahead of the store
        // (a failed commit, e.g. a full disk, leaves both on the old key). This writes the same
        // values once more, which costs one small transaction a month.
        session.saveCredentials(updated);
        log.info("session {}: signed prekey rotated {} -> {}", session.sessionId(), previousId, next.id());
    }

    /** {@code <rotate><skey><id/><value/><signature/></skey></rotate>}, the skey as in a prekey upload. */
    static Node rotateNode(SignedPreKey key) {
        return Node.of("rotate", Map.of(), List.of(PreKeyUploader.skey(key.id(), key.keyPair().publicKey(), key.signature())));
    }

    static int nextId(int id) {
        return id >= MAX_ID ? 1 : id + 1;
    }

    /** A fresh key pair signed by our identity key: XEdDSA over 0x05 ‖ public key, as libsignal signs it. */
    static SignedPreKey generate(KeyPair identity, int id, Instant now) {
        KeyPair pair = Curve25519.generate();
        return new SignedPreKey(id, pair, XEdDSA.sign(identity.privateKey(), DjbKeys.serialize(pair.publicKey())), now);
    }
}
