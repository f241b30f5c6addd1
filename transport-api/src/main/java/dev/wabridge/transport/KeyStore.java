package dev.wabridge.transport;

import java.util.function.Function;

/**
 * The secrets of one linked number, as namespaced byte values, plus the {@linkplain #shared()
 * store shared by all sessions}. Implemented by the daemon (SQLite); the transport never opens
 * a database or a file itself, and builds its typed stores (identities, prekeys, Signal
 * sessions, sender keys, app-state keys) on these raw namespaces.
 *
 * <p>Namespaces the WhatsApp transport uses: {@code creds} (noise key, identity key,
 * registration id, ADV secret, account identity, JID), {@code prekey}, {@code signed-prekey},
 * {@code session} (Signal sessions by address), {@code identity} (peers' identity keys),
 * {@code sender-key}, {@code app-state-key}, {@code app-state-version}, {@code privacy-token}
 * (contacts' privacy tokens and when we last issued ours), and
 * {@code event-buffer} (plaintext of decrypted stanzas by ciphertext hash, so a redelivered
 * stanza is not decrypted twice; see {@link TransportListener#onIncoming}).
 *
 * <p>What this store cannot do: commit together with the daemon's own tables (the message
 * log). A decrypted message is therefore stored here, in the transaction of its ratchet step,
 * and acknowledged to the server only after the daemon says it committed its row.
 */
public interface KeyStore extends KeyValueStore {

    /**
     * The store every session of this daemon shares (the phone-LID map is one map per
     * installation, not per linked number). Inside {@link #transaction} the shared store takes
     * part in the same transaction.
     */
    SharedKeyStore shared();

    /**
     * Runs {@code work} as one transaction over every namespace of this session and the
     * {@link #shared()} store, and returns its result (which may be null).
     *
     * <ul>
     *   <li>When {@code work} returns, everything it wrote becomes visible at once. Other
     *       callers never see a part of it: transactions of one backing store run one after
     *       another.</li>
     *   <li>If {@code work} throws, nothing it wrote is kept, and the exception reaches the
     *       caller as it was thrown.</li>
     *   <li>Inside {@code work}, reads see its own writes. Every call {@code work} makes, on
     *       the store it is given, on {@code shared()}, on this object, and nested
     *       {@code transaction} calls, joins this one transaction. There are no savepoints:
     *       a nested call that throws does not undo its writes on its own; they go or stay
     *       with the outer transaction.</li>
     * </ul>
     *
     * <p>{@code work} may run on the store's own thread, with every other session's store
     * calls waiting behind it. So it must be short, pure computation and calls on this store:
     * no network or file I/O, no waiting for other threads or futures (a thread that needs
     * the store would wait for {@code work}, and {@code work} for it), and no store objects
     * kept for use after it returns.
     */
    <T> T transaction(Function<KeyStore, T> work);

    /** Forgets every key of this session (logout). The shared store keeps its entries. */
    void clear();
}
