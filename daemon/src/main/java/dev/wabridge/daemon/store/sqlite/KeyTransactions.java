package dev.wabridge.daemon.store.sqlite;

import dev.wabridge.daemon.store.Database;
import dev.wabridge.daemon.store.SqlWork;
import dev.wabridge.daemon.store.StoreException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Runs key-store SQL on the database's single store thread, and makes calls from inside a
 * key-store transaction join it. The transaction's work runs on the store thread itself, where
 * a {@link Database#call} would wait for its own thread forever; so while work runs, the
 * transaction's connection is remembered for that thread, and every key-store call made there
 * uses it directly. One instance per database, shared by every session's store, because the
 * transaction is the connection's, not a session's.
 */
final class KeyTransactions {
    private final Database db;
    private final Thread storeThread;
    private final ThreadLocal<Connection> open = new ThreadLocal<>();

    KeyTransactions(Database db) {
        this.db = db;
        this.storeThread = db.call(c -> Thread.currentThread());
    }

    /** Runs a read, inside the open transaction if there is one. */
    <T> T read(SqlWork<T> work) {
        Connection joined = open.get();
        if (joined != null) {
            return runOn(joined, work);
        }
        refuseOnStoreThread();
        return db.call(work);
    }

    /** Runs a write as one transaction, or as part of the open one. */
    <T> T write(SqlWork<T> work) {
        Connection joined = open.get();
        if (joined != null) {
            return runOn(joined, work);
        }
        refuseOnStoreThread();
        return db.transaction(work);
    }

    /**
     * Runs {@code work} in one database transaction, with key-store calls on the store thread
     * joining it. A runtime exception rolls back and reaches the caller as thrown. An Error is
     * carried across as a runtime exception so that it rolls back too (the database rolls back
     * on those only) and is thrown again here.
     */
    <T> T transaction(Supplier<T> work) {
        if (open.get() != null) {
            return work.get();
        }
        refuseOnStoreThread();
        try {
            return db.transaction(c -> {
                open.set(c);
                try {
                    return work.get();
                } catch (Error e) {
                    throw new CarriedError(e);
                } finally {
                    open.remove();
                }
            });
        } catch (CarriedError e) {
            throw e.error;
        }
    }

    private static <T> T runOn(Connection c, SqlWork<T> work) {
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("store error: " + e.getMessage(), e);
        }
    }

    /** Other store work calling the key store would wait for its own thread: fail loudly instead. */
    private void refuseOnStoreThread() {
        if (Thread.currentThread() == storeThread) {
            throw new IllegalStateException("key store called from store work outside a key-store transaction; this would deadlock");
        }
    }

    /** An Error on its way out of the store thread, wrapped so the database rolls back. */
    private static final class CarriedError extends RuntimeException {
        private final Error error;

        CarriedError(Error error) {
            super(error);
            this.error = error;
        }
    }
}
