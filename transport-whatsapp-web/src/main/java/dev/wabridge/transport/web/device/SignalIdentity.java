package dev.wabridge.transport.web.device;

import dev.wabridge.transport.KeyStore;
import dev.wabridge.wire.signal.LocalIdentity;
import dev.wabridge.wire.signal.store.SignalStores;
import dev.wabridge.wire.signal.store.SignedPreKeyStore;

import java.time.Instant;

/**
 * This device as the Signal layer sees it: the identity key and registration id from the
 * credentials, and the signed prekey the credentials were registered with, kept in the
 * signed-prekey store where a contact's {@code pkmsg} looks it up.
 */
public final class SignalIdentity {
    private SignalIdentity() {
    }

    public static LocalIdentity of(Credentials creds) {
        return new LocalIdentity(creds.identityKey(), creds.registrationId());
    }

    /** Puts the credentials' signed prekey in the signed-prekey store if it is not there yet. */
    public static void ensureSignedPreKey(KeyStore keys, Credentials creds, Instant now) {
        SignedPreKeyStore store = new SignalStores(keys).signedPreKeys();
        if (store.load(creds.signedPreKeyId()).isEmpty()) {
            store.storeCurrent(new SignedPreKeyStore.SignedPreKey(creds.signedPreKeyId(), creds.signedPreKey(),
                    creds.signedPreKeySignature(), now));
        }
    }
}
