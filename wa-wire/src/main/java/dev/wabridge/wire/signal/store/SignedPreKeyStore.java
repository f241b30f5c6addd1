package dev.wabridge.wire.signal.store;

import dev.wabridge.transport.KeyValueStore;
import dev.wabridge.wire.crypto.KeyPair;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Signed prekeys by id (libsignal SignedPreKeyStore; namespace {@code signed-prekey}), and
 * which one is current. Rotation keeps the previous one for a while, because a contact may
 * still start a session from a bundle fetched before the rotation.
 */
public final class SignedPreKeyStore {
    static final String NS = "signed-prekey";
    private static final String CURRENT = "current";

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
        store(key);
        makeCurrent(key.id());
    }

    /**
     * Stores {@code key} without making it current: a rotation keeps the new key here before
     * the server has it, so a contact that got it from the server can reach us even if we stop
     * before recording the server's answer.
     */
    public void store(SignedPreKey key) {
        byte[] pair = key.keyPair().serialize();
        store.put(NS, Integer.toString(key.id()), ByteBuffer.allocate(64 + 64 + 8).put(pair).put(key.signature)
                .putLong(key.createdAt().getEpochSecond()).array());
    }

    /** Makes the stored key {@code id} the current one. */
    public void makeCurrent(int id) {
        store.put(NS, CURRENT, ByteBuffer.allocate(4).putInt(id).array());
    }

    /** The ids of every stored signed prekey, current or not, ascending. */
    public List<Integer> ids() {
        return store.keys(NS).stream().filter(k -> !k.equals(CURRENT)).map(Integer::parseInt).sorted().toList();
    }

    public Optional<SignedPreKey> current() {
        return store.get(NS, CURRENT).flatMap(b -> load(ByteBuffer.wrap(b).getInt()));
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
