package dev.wabridge.daemon.store;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of work on the store's connection, run on the store's own thread. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
