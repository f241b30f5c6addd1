package dev.wabridge.testkit;

import dev.wabridge.transport.SharedKeyStore;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The backing storage of in-memory key stores: the namespaces of every session and of the
 * shared store, behind one lock, like the daemon's single SQLite writer. Signal tests need
 * the double to keep the promises the real store keeps (all-or-nothing transactions across
 * sessions' namespaces and the shared store), or they pass here and fail in production.
 *
 * <p>Every call is a transaction: it takes the lock, works on copies of the namespaces it
 * changes, and swaps them in at the end; a failure drops the copies. Calls made by the
 * thread that holds an open transaction join it.
 */
public final class MemoryKeyStores {
    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by {@link #lock}. Maps hold private copies of the values, never changed in place. */
    private final Map<Bucket, NavigableMap<String, byte[]>> committed = new HashMap<>();
    private final ThreadLocal<MemoryTransaction> open = new ThreadLocal<>();
    private final Map<Long, MemoryKeyStore> sessions = new ConcurrentHashMap<>();
    private final MemorySharedKeyStore shared = new MemorySharedKeyStore(this);

    /** The store of one session; the same object for the same id. */
    public MemoryKeyStore session(long sessionId) {
        return sessions.computeIfAbsent(sessionId, id -> new MemoryKeyStore(this));
    }

    public SharedKeyStore shared() {
        return shared;
    }

    /** Runs {@code work} in the calling thread's open transaction, or in a new one it commits. */
    <T> T inTransaction(Function<MemoryTransaction, T> work) {
        MemoryTransaction joined = open.get();
        if (joined != null) {
            return work.apply(joined);
        }
        lock.lock();
        try {
            MemoryTransaction tx = new MemoryTransaction(committed);
            open.set(tx);
            T result;
            try {
                result = work.apply(tx);
            } finally {
                open.remove();
            }
            tx.commit(); // only reached when work returned
            return result;
        } finally {
            lock.unlock();
        }
    }

    /** One namespace of one owner (a session's store, or the shared store). */
    record Bucket(Object owner, String namespace) {
    }
}
