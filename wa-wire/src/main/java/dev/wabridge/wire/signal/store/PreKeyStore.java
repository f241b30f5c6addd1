package dev.wabridge.wire.signal.store;

import dev.wabridge.transport.KeyValueStore;
import dev.wabridge.wire.crypto.Curve25519;
import dev.wabridge.wire.crypto.KeyPair;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One-time prekeys with their upload marks (libsignal PreKeyStore; whatsmeow
 * store.PreKeyStore: GetOrGenPreKeys, MarkPreKeysAsUploaded, UploadedPreKeyCount). Ids count
 * up from 1 and are never reused, so a bundle the server hands out names exactly one key; a
 * key is removed when a {@code pkmsg} consumes it. Namespace {@code prekey}: the key is the
 * id in 8 hex digits (text order is id order), the value the key pair and one "uploaded" byte;
 * the next id lives in {@code prekey-meta}.
 */
public final class PreKeyStore {
    static final String NS = "prekey";
    static final String META = "prekey-meta";
    /** WhatsApp sends prekey ids as 3 bytes (whatsmeow prekeys.go preKeyToNode): the id space. */
    public static final int MAX_ID = 0xFFFFFF;

    /** A prekey and whether the server has it. */
    public record PreKey(int id, KeyPair keyPair, boolean uploaded) {
    }

    private final KeyValueStore store;

    public PreKeyStore(KeyValueStore store) {
        this.store = store;
    }

    /**
     * {@code count} keys to upload: the oldest not uploaded yet, topped up with fresh ones
     * (whatsmeow uploads 812 at first, then 50); what it generates is stored before it returns.
     */
    public List<PreKey> getOrGenerate(int count) {
        // The oldest keys not uploaded yet first, at most count of them (whatsmeow GetOrGenPreKeys).
        List<PreKey> pending = new ArrayList<>(all().stream().filter(k -> !k.uploaded()).limit(count).toList());
        int next = nextId();
        List<PreKey> fresh = new ArrayList<>();
        while (pending.size() + fresh.size() < count) {
            if (next > MAX_ID) {
                throw new IllegalStateException("prekey ids exhausted");
            }
            fresh.add(new PreKey(next++, Curve25519.generate(), false));
        }
        // One write for all of them: 812 keys are one commit, not 812 disk syncs.
        Map<String, byte[]> writes = new LinkedHashMap<>();
        fresh.forEach(k -> writes.put(key(k.id()), encode(k)));
        store.putAll(NS, writes);
        store.put(META, "next-id", ByteBuffer.allocate(4).putInt(next).array());
        pending.addAll(fresh);
        return pending;
    }

    public Optional<PreKey> load(int id) {
        return store.get(NS, key(id)).map(v -> decode(id, v));
    }

    /** A {@code pkmsg} used it: it must never be accepted again. */
    public void remove(int id) {
        store.delete(NS, key(id));
    }

    /** The server confirmed an upload of every key up to and including {@code upToId}. */
    public void markUploaded(int upToId) {
        Map<String, byte[]> writes = new LinkedHashMap<>();
        for (PreKey k : all()) {
            if (!k.uploaded() && k.id() <= upToId) {
                writes.put(key(k.id()), encode(new PreKey(k.id(), k.keyPair(), true)));
            }
        }
        store.putAll(NS, writes);
    }

    public int uploadedCount() {
        return (int) all().stream().filter(PreKey::uploaded).count();
    }

    private List<PreKey> all() {
        List<String> keys = store.keys(NS);
        List<PreKey> out = new ArrayList<>();
        store.getMany(NS, keys).forEach((k, v) -> out.add(decode(Integer.parseInt(k, 16), v)));
        out.sort((a, b) -> Integer.compare(a.id(), b.id()));
        return out;
    }

    private int nextId() {
        return store.get(META, "next-id").map(b -> ByteBuffer.wrap(b).getInt()).orElse(1);
    }

    private static byte[] encode(PreKey k) {
        byte[] pair = k.keyPair().serialize();
        return ByteBuffer.allocate(pair.length + 1).put(pair).put((byte) (k.uploaded() ? 1 : 0)).array();
    }

    private static PreKey decode(int id, byte[] value) {
        byte[] pair = new byte[64];
        ByteBuffer.wrap(value).get(pair);
        return new PreKey(id, KeyPair.deserialize(pair), value[64] == 1);
    }

    private static String key(int id) {
        return String.format("%08x", id);
    }
}
