package dev.wabridge.wire.signal;

import dev.wabridge.testkit.MemoryKeyStore;
import dev.wabridge.transport.KeyStore;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.crypto.Curve25519;
import dev.wabridge.wire.crypto.KeyPair;
import dev.wabridge.wire.crypto.XEdDSA;
import dev.wabridge.wire.signal.protocol.DjbKeys;
import dev.wabridge.wire.signal.store.PreKeyStore;
import dev.wabridge.wire.signal.store.SignalAddress;
import dev.wabridge.wire.signal.store.SignalStores;
import dev.wabridge.wire.signal.store.SignedPreKeyStore;
import dev.wabridge.wire.signal.x3dh.PreKeyBundle;

import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

/**
 * One device in a Signal test: its own in-memory key store, identity, signed prekey and a few
 * one-time prekeys, and the bundle the server would hand out for it.
 */
final class SignalParty {
    final KeyStore keys;
    final SignalStores stores;
    final LocalIdentity identity;
    final SignalAddress address;
    private int nextBundlePreKey;

    SignalParty(String user, int device) {
        this(user, device, new MemoryKeyStore());
    }

    SignalParty(String user, int device, KeyStore keys) {
        this.keys = keys;
        this.stores = new SignalStores(keys);
        this.identity = new LocalIdentity(Curve25519.generate(), 1 + (user.hashCode() & 0x3FFF));
        this.address = new SignalAddress(user, Jid.USER_SERVER, device);
        KeyPair signed = Curve25519.generate();
        stores.signedPreKeys().storeCurrent(new SignedPreKeyStore.SignedPreKey(1, signed,
                XEdDSA.sign(identity.identityKey().privateKey(), DjbKeys.serialize(signed.publicKey())), Instant.now()));
        stores.preKeys().getOrGenerate(20);
    }

    SessionCipher cipher() {
        return new SessionCipher(stores, identity);
    }

    SessionBuilder builder() {
        return new SessionBuilder(stores, identity);
    }

    GroupCipher groupCipher() {
        return new GroupCipher(stores);
    }

    GroupSessionBuilder groupBuilder() {
        return new GroupSessionBuilder(stores);
    }

    /** A bundle with the next unused one-time prekey, or none. */
    PreKeyBundle bundle(boolean withPreKey) {
        SignedPreKeyStore.SignedPreKey signed = stores.signedPreKeys().current().orElseThrow();
        if (!withPreKey) {
            return PreKeyBundle.withoutPreKey(identity.registrationId(), identity.identityKey().publicKey(), signed.id(),
                    signed.keyPair().publicKey(), signed.signature());
        }
        List<PreKeyStore.PreKey> all = stores.preKeys().getOrGenerate(20);
        PreKeyStore.PreKey pk = all.get(nextBundlePreKey++ % all.size());
        return new PreKeyBundle(identity.registrationId(), identity.identityKey().publicKey(), signed.id(),
                signed.keyPair().publicKey(), signed.signature(), OptionalInt.of(pk.id()), pk.keyPair().publicKey());
    }
}
