package dev.wabridge.daemon.store.sqlite;

import java.util.ArrayList;
import java.util.List;

/**
 * A SELECT whose filters are optional (a tool's arguments left out mean "any"): each
 * {@link #andIf} adds {@code AND column = ?} only for a value that is set, so the SQL and its
 * arguments cannot drift apart. Values stay bound parameters; column names are constants.
 */
final class Query {
    private final StringBuilder sql;
    private final List<Object> args = new ArrayList<>();

    /** {@code base} ends with a WHERE clause, e.g. {@code "… WHERE created_at >= ?"}, bound to {@code firstArgs}. */
    Query(String base, Object... firstArgs) {
        this.sql = new StringBuilder(base);
        args.addAll(List.of(firstArgs));
    }

    Query andIf(String column, Object value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
        return this;
    }

    /** The rest of the statement (ORDER BY, LIMIT …) and its arguments. */
    Query then(String tail, Object... tailArgs) {
        sql.append(tail);
        args.addAll(List.of(tailArgs));
        return this;
    }

    String sql() {
        return sql.toString();
    }

    Object[] args() {
        return args.toArray();
    }
}
