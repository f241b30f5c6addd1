package dev.wabridge.daemon.store.sqlite;

import dev.wabridge.daemon.store.Tx;

import java.sql.Connection;

/**
 * A transaction on the SQLite store thread: the connection a repository method joins.
 * Services only see it as a {@link Tx}; the SQLite repositories take the connection back
 * with {@link #connection(Tx)}.
 */
record SqliteTx(Connection connection) implements Tx {
    static Connection connection(Tx tx) {
        if (tx instanceof SqliteTx sqlite) {
            return sqlite.connection();
        }
        throw new IllegalArgumentException("not a transaction of the SQLite store: " + tx);
    }
}
