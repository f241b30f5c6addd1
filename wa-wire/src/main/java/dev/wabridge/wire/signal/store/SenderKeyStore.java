package dev.wabridge.wire.signal.store;

import dev.wabridge.transport.KeyValueStore;

import java.util.Optional;

/**
 * Serialized sender-key records (libsignal SenderKeyStore; namespace {@code sender-key}) by
 * group and sending device: a group message is encrypted once with the sender's chain, and
 * each member keeps one record per sender. The record format belongs to the Signal layer.
 */
public final class SenderKeyStore {
    static final String NS = "sender-key";

    private final KeyValueStore store;

    public SenderKeyStore(KeyValueStore store) {
        this.store = store;
    }

    public Optional<byte[]> load(String groupJid, SignalAddress sender) {
        return store.get(NS, key(groupJid, sender));
    }

    public void store(String groupJid, SignalAddress sender, byte[] record) {
        store.put(NS, key(groupJid, sender), record);
    }

    /** Forgets every sender's chain in a group (we left it, or must redistribute our key). */
    public void deleteGroup(String groupJid) {
        store.deletePrefix(NS, groupJid + "/");
    }

    private static String key(String groupJid, SignalAddress sender) {
        if (groupJid.contains("/")) {
            throw new IllegalArgumentException("not a group JID: " + groupJid);
        }
        return groupJid + "/" + sender.key();
    }
}
