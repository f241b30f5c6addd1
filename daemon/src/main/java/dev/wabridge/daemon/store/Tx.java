package dev.wabridge.daemon.store;

/**
 * An open transaction, as services see it: a handle they pass to repository methods so that
 * those methods join it. It has no methods because what it wraps (a JDBC connection for
 * SQLite, a pooled one for PostgreSQL) is the store implementation's business; it is valid
 * only inside the {@link Database#inTransaction} call that created it.
 */
public interface Tx {
}
