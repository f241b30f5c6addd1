package dev.wabridge.daemon.store;

import java.util.concurrent.CompletableFuture;

/**
 * The daemon's database, whatever engine holds it. Services use {@link #inTransaction} and
 * hand the {@link Tx} to repositories, so work on several tables commits together without
 * the services seeing JDBC. The three {@link SqlWork} methods are for store implementations
 * only (repositories, the key store): they give a JDBC connection, which a PostgreSQL store
 * has as well, but business code must not depend on it.
 *
 * <p>Implementations decide the threading (SQLite: one writer thread); callers must not
 * start a store call from inside another one on the same database, and must pass the
 * {@code Tx} instead.
 */
public interface Database extends AutoCloseable {
    /** Runs {@code work} in one transaction and waits: all of it commits, or none of it (it threw). */
    <T> T inTransaction(TxWork<T> work);

    /** Checks the database answers; throws {@link StoreException} when it does not. */
    void ping();

    /** Where the data lives (a file path, a URL), for health reports and messages. */
    String location();

    /**
     * Reads every page and checks the structure (SQLite: PRAGMA quick_check); throws
     * {@link StoreException} with {@link StoreFault#DAMAGED} naming what is wrong. Run at
     * start, before the daemon trusts the data.
     */
    void verify();

    /** The last unresolved fault and the free space; cheap, for health checks. */
    StoreCondition condition();

    /** Runs {@code work} on a connection (auto-commit) and waits for it. For store implementations. */
    <T> T call(SqlWork<T> work);

    /** Runs {@code work} in one transaction on a connection and waits for it. For store implementations. */
    <T> T transaction(SqlWork<T> work);

    /** Queues {@code work} (auto-commit) without waiting. For store implementations. */
    <T> CompletableFuture<T> submit(SqlWork<T> work);

    /** Stops taking work and closes the connection(s); closing twice is harmless. */
    @Override
    void close();
}
