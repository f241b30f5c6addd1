package dev.wabridge.wire.appstate;

import dev.wabridge.transport.KeyValueStore;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Optional;

/**
 * App-state sync keys the phone shares with its companions (whatsmeow
 * store.AppStateSyncKeyStore; namespace {@code app-state-key}), by key id. Patches name the
 * key that encrypted them; the newest key encrypts what we send.
 */
public final class AppStateKeyStore {
    static final String NS = "app-state-key";

    /** One key: its id, the key material, the phone's fingerprint blob (opaque), when it was made (ms). */
    public record SyncKey(byte[] keyId, byte[] keyData, byte[] fingerprint, long timestampMs) {
        public SyncKey {
            keyId = keyId.clone();
            keyData = keyData.clone();
            fingerprint = fingerprint.clone();
        }

        @Override
        public byte[] keyId() {
            return keyId.clone();
        }

        @Override
        public byte[] keyData() {
            return keyData.clone();
        }

        @Override
        public byte[] fingerprint() {
            return fingerprint.clone();
        }
    }

    private final KeyValueStore store;

    public AppStateKeyStore(KeyValueStore store) {
        this.store = store;
    }

    public void put(SyncKey key) {
        byte[] value = ByteBuffer.allocate(8 + 4 + key.keyData.length + key.fingerprint.length)
                .putLong(key.timestampMs).putInt(key.keyData.length).put(key.keyData).put(key.fingerprint).array();
        store.put(NS, HexFormat.of().formatHex(key.keyId), value);
    }

    public Optional<SyncKey> get(byte[] keyId) {
        return store.get(NS, HexFormat.of().formatHex(keyId)).map(v -> decode(keyId, v));
    }

    /** The most recent key (by its timestamp): the one to encrypt our own patches with. */
    public Optional<SyncKey> latest() {
        return store.getMany(NS, store.keys(NS)).entrySet().stream()
                .map(e -> decode(HexFormat.of().parseHex(e.getKey()), e.getValue()))
                .max((a, b) -> Long.compare(a.timestampMs(), b.timestampMs()));
    }

    private static SyncKey decode(byte[] keyId, byte[] v) {
        ByteBuffer b = ByteBuffer.wrap(v);
        long ts = b.getLong();
        byte[] data = new byte[b.getInt()];
        b.get(data);
        byte[] fingerprint = new byte[b.remaining()];
        b.get(fingerprint);
        return new SyncKey(keyId, data, fingerprint, ts);
    }
}
