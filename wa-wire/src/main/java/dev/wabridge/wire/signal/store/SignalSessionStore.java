package dev.wabridge.wire.signal.store;

import dev.wabridge.transport.KeyValueStore;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Serialized Signal session records by device (libsignal SessionStore, whatsmeow
 * store.SessionStore; namespace {@code session}). The record format belongs to the Signal
 * layer; this store keeps it opaque. Batch reads serve group fan-out, user-wide deletes serve
 * identity changes, and {@link #migrate} moves a user's sessions from the phone address to
 * the LID, as whatsmeow's MigratePNToLID does.
 */
public final class SignalSessionStore {
    static final String NS = "session";

    private final KeyValueStore store;

    public SignalSessionStore(KeyValueStore store) {
        this.store = store;
    }

    public Optional<byte[]> load(SignalAddress address) {
        return store.get(NS, address.key());
    }

    /** The records of those addresses that have one. */
    public Map<SignalAddress, byte[]> loadMany(Collection<SignalAddress> addresses) {
        Map<String, byte[]> raw = store.getMany(NS, addresses.stream().map(SignalAddress::key).toList());
        Map<SignalAddress, byte[]> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> out.put(SignalAddress.parse(k), v));
        return out;
    }

    public boolean contains(SignalAddress address) {
        return load(address).isPresent();
    }

    public void store(SignalAddress address, byte[] record) {
        store.put(NS, address.key(), record);
    }

    public void delete(SignalAddress address) {
        store.delete(NS, address.key());
    }

    /** Every device of one user, e.g. after their identity key changed. */
    public void deleteUser(String user, String server) {
        store.deletePrefix(NS, SignalAddress.userPrefix(user, server));
    }

    /** The devices of one user that we have a session with. */
    public List<SignalAddress> devices(String user, String server) {
        return store.keys(NS, SignalAddress.userPrefix(user, server)).stream().map(SignalAddress::parse).toList();
    }

    /**
     * Moves every session of {@code from}'s user to {@code to}'s user (device numbers kept),
     * replacing what the target had; returns how many moved. Run it inside a transaction with
     * the mapping write, so the two never disagree.
     */
    public int migrate(String fromUser, String fromServer, String toUser, String toServer) {
        Map<String, byte[]> moves = new LinkedHashMap<>();
        Map<String, byte[]> deletes = new LinkedHashMap<>();
        List<String> keys = store.keys(NS, SignalAddress.userPrefix(fromUser, fromServer));
        store.getMany(NS, keys).forEach((key, record) -> {
            SignalAddress from = SignalAddress.parse(key);
            moves.put(new SignalAddress(toUser, toServer, from.device()).key(), record);
            deletes.put(key, null);
        });
        store.putAll(NS, deletes);
        store.putAll(NS, moves);
        return moves.size();
    }
}
