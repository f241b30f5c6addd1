package dev.wabridge.wire.signal;

import dev.wabridge.wire.crypto.Curve25519;
import dev.wabridge.wire.signal.ratchet.SessionState;
import dev.wabridge.wire.signal.state.SessionRecord;
import dev.wabridge.wire.signal.store.IdentityStore;
import dev.wabridge.wire.signal.store.SignalAddress;
import dev.wabridge.wire.signal.store.SignalStores;
import dev.wabridge.wire.signal.x3dh.PreKeyBundle;
import dev.wabridge.wire.signal.x3dh.SessionStates;

/**
 * Starts a session with a device from its prekey bundle, as the initiator (libsignal rust
 * protocol/src/session.rs {@code process_prekey_bundle}; libsignal-node session_builder.js
 * {@code initOutgoing}; whatsmeow send.go fetches bundles for devices without a session). The
 * signed prekey's signature is checked first. The new session becomes current and the old one
 * is archived; every message on it is a {@code pkmsg} until the device answers.
 *
 * <p>Identity changes are accepted, as WhatsApp does: a bundle with an identity key other than
 * the one stored replaces it, the address's old sessions are dropped, and the change is
 * returned so the transport can tell the daemon.
 */
public final class SessionBuilder {
    private final SignalStores stores;
    private final LocalIdentity local;

    public SessionBuilder(SignalStores stores, LocalIdentity local) {
        this.stores = stores;
        this.local = local;
    }

    public IdentityStore.Change process(SignalAddress address, PreKeyBundle bundle) {
        bundle.verifySignature();
        SessionState state = SessionStates.initiator(local.identityKey(), local.registrationId(), Curve25519.generate(),
                Curve25519.generate(), bundle);
        return stores.transaction(tx -> {
            IdentityStore.Change change = tx.identities().save(address, bundle.identityKey());
            if (change == IdentityStore.Change.REPLACED) {
                tx.sessions().delete(address);
            }
            SessionRecord record = tx.sessions().load(address).map(SessionRecord::deserialize).orElseGet(SessionRecord::empty);
            record.promote(state);
            tx.sessions().store(address, record.serialize());
            return change;
        });
    }
}
