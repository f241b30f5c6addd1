package dev.wabridge.wire.signal.store;

import dev.wabridge.transport.KeyValueStore;
import dev.wabridge.wire.crypto.KeyPair;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;

/**
 * Signed prekeys by id (libsignal SignedPreKeyStore; namespace {@code signed-prekey}), and
 * which one is current. Rotation keeps the previous one for a while, because a contact may
 * still start a session from a bundle fetched before the rotation.
 */
public final class SignedPreKeyStore {
    static final String NS = "signed-prekey";

    /** A signed prekey: the pair, the identity key's XEdDSA signature over 0x05 ‖ public key, when it was made. */
    public record SignedPreKey(int id, KeyPair keyPair, byte[] signature, Instant createdAt) {
        public SignedPreKey {
            if (signature.length != 64) {
                throw new IllegalArgumentException("an XEdDSA signature is 64 bytes");
            }
            signature = signature.clone();
        }

        @Override
        public byte[] signature() {
            return signature.clone();
        }
    }

    private final KeyValueStore store;

    public SignedPreKeyStore(KeyValueStore store) {
        this.store = store;
    }

    public Optional<SignedPreKey> load(int id) {
        return store.get(NS, Integer.toString(id)).map(v -> decode(id, v));
    }

    /** Stores {@code key} and makes it the current one. */
    public void storeCurrent(SignedPreKey key) {
        byte[] pair = key.keyPair().serialize();
        store.put(NS, Integer.toString(key.id()), ByteBuffer.allocate(64 + 64 + 8).put(pair).put(key.signature)
                .putLong(key.createdAt().getEpochSecond()).array());
        store.put(NS, "current", ByteBuffer.allocate(4).putInt(key.id()).array());
    }

    public Optional<SignedPreKey> current() {
        return store.get(NS, "current").flatMap(b -> load(ByteBuffer.wrap(b).getInt()));
    }

    public void remove(int id) {
        store.delete(NS, Integer.toString(id));
    }

    private static SignedPreKey decode(int id, byte[] v) {
        ByteBuffer b = ByteBuffer.wrap(v);
        byte[] pair = new byte[64];
        byte[] sig = new byte[64];
        b.get(pair).get(sig);
        return new SignedPreKey(id, KeyPair.deserialize(pair), sig, Instant.ofEpochSecond(b.getLong()));
    }
}
