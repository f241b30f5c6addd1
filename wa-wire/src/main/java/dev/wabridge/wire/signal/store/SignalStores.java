package dev.wabridge.wire.signal.store;

import dev.wabridge.transport.KeyStore;
import dev.wabridge.wire.appstate.AppStateKeyStore;
import dev.wabridge.wire.appstate.AppStateVersionStore;

import java.util.function.Function;

/**
 * The typed stores of one linked number over its key store, the way libsignal's protocol
 * code sees storage (storage/traits.rs): protocol code reaches keys only through these, never
 * through raw namespaces. {@link #transaction} gives the same views bound to one transaction,
 * so "decrypt: ratchet step + consumed prekey + buffered plaintext" or "migrate sessions to
 * the LID + record the mapping" commit together or not at all.
 */
public final class SignalStores {
    private final KeyStore keys;

    public SignalStores(KeyStore keys) {
        this.keys = keys;
    }

    public <T> T transaction(Function<SignalStores, T> work) {
        return keys.transaction(tx -> work.apply(new SignalStores(tx)));
    }

    public IdentityStore identities() {
        return new IdentityStore(keys);
    }

    public SignalSessionStore sessions() {
        return new SignalSessionStore(keys);
    }

    public PreKeyStore preKeys() {
        return new PreKeyStore(keys);
    }

    public SignedPreKeyStore signedPreKeys() {
        return new SignedPreKeyStore(keys);
    }

    public SenderKeyStore senderKeys() {
        return new SenderKeyStore(keys);
    }

    public EventBuffer eventBuffer() {
        return new EventBuffer(keys);
    }

    public AppStateKeyStore appStateKeys() {
        return new AppStateKeyStore(keys);
    }

    public AppStateVersionStore appStateVersions() {
        return new AppStateVersionStore(keys);
    }

    /** The phone ⇄ LID map, shared by every linked number (inside a transaction: part of it). */
    public LidMap lids() {
        return new LidMap(keys.shared());
    }
}
