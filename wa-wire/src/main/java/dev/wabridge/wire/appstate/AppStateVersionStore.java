package dev.wabridge.wire.appstate;

import dev.wabridge.transport.KeyValueStore;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where each app-state collection (regular, regular_low, critical_block, ...) stands
 * (whatsmeow store.AppStateStore): its version and LT-hash (namespace
 * {@code app-state-version}), and the value MAC of every mutation index still set (namespace
 * {@code app-state-mac}), which the LT-hash needs to subtract a value when it is overwritten
 * or removed. A patch's new version, hash and MACs are written in one transaction.
 */
public final class AppStateVersionStore {
    static final String VERSIONS = "app-state-version";
    static final String MACS = "app-state-mac";

    /** A collection's state: version and the 128-byte LT-hash. */
    public record Version(long version, byte[] hash) {
        public Version {
            hash = hash.clone();
        }

        @Override
        public byte[] hash() {
            return hash.clone();
        }
    }

    private final KeyValueStore store;

    public AppStateVersionStore(KeyValueStore store) {
        this.store = store;
    }

    public Optional<Version> version(String collection) {
        return store.get(VERSIONS, collection).map(v -> {
            ByteBuffer b = ByteBuffer.wrap(v);
            long version = b.getLong();
            byte[] hash = new byte[b.remaining()];
            b.get(hash);
            return new Version(version, hash);
        });
    }

    public void putVersion(String collection, Version v) {
        store.put(VERSIONS, collection, ByteBuffer.allocate(8 + v.hash.length).putLong(v.version).put(v.hash).array());
    }

    public Optional<byte[]> valueMac(String collection, byte[] indexMac) {
        return store.get(MACS, macKey(collection, indexMac));
    }

    /** Sets (non-null) and removes (null) value MACs by index MAC, all at once. */
    public void putValueMacs(String collection, Map<byte[], byte[]> byIndexMac) {
        Map<String, byte[]> writes = new LinkedHashMap<>();
        byIndexMac.forEach((index, value) -> writes.put(macKey(collection, index), value));
        store.putAll(MACS, writes);
    }

    /**
     * Stores where a collection stands after a patch or snapshot: its version and hash, and the
     * value MACs it changed (hex index MAC → value MAC, null to remove). {@code replace} (a
     * snapshot) forgets every MAC kept before. Call it inside the key store's transaction.
     */
    public void apply(String collection, Version v, Map<String, byte[]> valueMacsByHexIndex, boolean replace) {
        if (replace) {
            store.deletePrefix(MACS, collection + "/");
        }
        Map<String, byte[]> writes = new LinkedHashMap<>();
        valueMacsByHexIndex.forEach((index, value) -> writes.put(collection + "/" + index, value));
        store.putAll(MACS, writes);
        putVersion(collection, v);
    }

    /** Forgets a collection (a full resync from a snapshot follows). */
    public void delete(String collection) {
        store.delete(VERSIONS, collection);
        store.deletePrefix(MACS, collection + "/");
    }

    private static String macKey(String collection, byte[] indexMac) {
        return collection + "/" + HexFormat.of().formatHex(indexMac);
    }
}
