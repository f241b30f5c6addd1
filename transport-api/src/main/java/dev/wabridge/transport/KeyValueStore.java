package dev.wabridge.transport;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Namespaced byte values: what a session's {@link KeyStore} and the {@link SharedKeyStore}
 * have in common. One interface for both, so the transport's typed stores (identities, Signal
 * sessions, the phone-LID map) are written once whichever scope they live in.
 *
 * <p>Every method is atomic on its own; {@code putAll} and {@code deletePrefix} change all
 * their keys or none. To group several calls, use the {@code transaction} of {@link KeyStore}
 * or {@link SharedKeyStore}. Values are copied on the way in and out: changing an array
 * after {@code put}, or one that {@code get} returned, changes nothing stored. A value may be
 * empty; it may not be null (except as the "delete" marker of {@link #putAll}).
 *
 * <p>Keys and namespaces are plain strings, compared exactly: no character (not {@code %},
 * {@code _}, {@code *}) is a wildcard. Calls may block on disk, so a transport makes them off
 * its I/O threads.
 */
public interface KeyValueStore {
    Optional<byte[]> get(String namespace, String key);

    /**
     * The values of those of {@code keys} that are present, in one read (a group send loads
     * the Signal sessions of every device of every member at once). Missing keys are absent
     * from the map; duplicates in {@code keys} are read once.
     */
    Map<String, byte[]> getMany(String namespace, Collection<String> keys);

    void put(String namespace, String key, byte[] value);

    /** Removes a key; removing one that is not there is not an error. */
    void delete(String namespace, String key);

    /**
     * Removes every key of a namespace that starts with {@code keyPrefix} (e.g. the Signal
     * sessions of all devices of one user, {@code "1234@s.whatsapp.net:"}, after the user's
     * identity changed). The prefix is literal; an empty prefix empties the namespace.
     */
    void deletePrefix(String namespace, String keyPrefix);

    /** All keys of a namespace (e.g. the prekeys not used yet), in no particular order. */
    List<String> keys(String namespace);

    /** The keys of a namespace that start with {@code keyPrefix} (literal), in no particular order. */
    List<String> keys(String namespace, String keyPrefix);

    /** Writes and deletes in one namespace, all or none. A null value deletes the key. */
    void putAll(String namespace, Map<String, byte[]> values);
}
