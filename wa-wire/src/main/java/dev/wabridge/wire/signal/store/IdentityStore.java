package dev.wabridge.wire.signal.store;

import dev.wabridge.transport.KeyValueStore;

import java.security.MessageDigest;
import java.util.Optional;

/**
 * Other devices' identity keys (libsignal IdentityKeyStore; namespace {@code identity}). The
 * first key seen for an address is trusted; a different key later is a change the caller
 * must act on: WhatsApp, like whatsmeow, accepts it (the contact reinstalled or changed
 * phones), drops the Signal sessions built on the old key and tells the user that the
 * security code changed. {@link #isTrusted} answers libsignal's question for callers that
 * want to refuse instead.
 */
public final class IdentityStore {
    static final String NS = "identity";

    /** What {@link #save} did. */
    public enum Change { NEW, UNCHANGED, REPLACED }

    private final KeyValueStore store;

    public IdentityStore(KeyValueStore store) {
        this.store = store;
    }

    public Optional<byte[]> get(SignalAddress address) {
        return store.get(NS, address.key());
    }

    public Change save(SignalAddress address, byte[] identityKey) {
        Optional<byte[]> known = get(address);
        if (known.isPresent() && MessageDigest.isEqual(known.get(), identityKey)) {
            return Change.UNCHANGED;
        }
        store.put(NS, address.key(), identityKey);
        return known.isPresent() ? Change.REPLACED : Change.NEW;
    }

    /** True for an unknown address (trust on first use) or the key already stored for it. */
    public boolean isTrusted(SignalAddress address, byte[] identityKey) {
        return get(address).map(k -> MessageDigest.isEqual(k, identityKey)).orElse(true);
    }

    /** Forgets every device of a user (e.g. when the account is gone). */
    public void deleteUser(String user, String server) {
        store.deletePrefix(NS, SignalAddress.userPrefix(user, server));
    }
}
