package dev.wabridge.transport;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The secrets of one session, as namespaced byte values. Implemented by the daemon (SQLite);
 * the transport never opens a database itself.
 *
 * <p>Namespaces the WhatsApp transport uses: {@code creds} (noise key, identity key,
 * registration id, ADV secret, account identity, JID), {@code prekey}, {@code signed-prekey},
 * {@code session} (Signal sessions by address), {@code identity} (peers' identity keys),
 * {@code sender-key}, {@code app-state-key}, {@code app-state-version}.
 *
 * <p>Calls may block briefly on disk; a transport calls them off its I/O threads.
 */
public interface KeyStore {
    Optional<byte[]> get(String namespace, String key);

    void put(String namespace, String key, byte[] value);

    void delete(String namespace, String key);

    /** All keys of a namespace (e.g. the prekeys not used yet). */
    List<String> keys(String namespace);

    /**
     * Writes and deletes in one atomic transaction: a ratchet step and the message it
     * belongs to are stored together or not at all. A null value deletes the key.
     */
    void putAll(String namespace, Map<String, byte[]> values);

    /** Forgets everything of this session (logout). */
    void clear();
}
