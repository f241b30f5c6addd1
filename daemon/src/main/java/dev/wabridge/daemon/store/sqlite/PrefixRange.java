package dev.wabridge.daemon.store.sqlite;

import java.util.Optional;

/**
 * The keys that start with a prefix, as a range {@code [prefix, upperBound)} that SQLite can
 * seek in the primary key. LIKE would read {@code %} and {@code _} in keys as wildcards, and
 * {@code substr(key, ...) = ?} cannot use the index.
 *
 * <p>Why the range is exact: TEXT columns compare with the BINARY collation, byte by byte in
 * UTF-8, and UTF-8 byte order is code point order. So the strings that start with the prefix
 * are exactly those at or after it and before the prefix with its last code point raised by
 * one (skipping the surrogate block, which has no UTF-8 encoding). A last code point already
 * at the maximum is dropped and the one before it raised; a prefix of only maximal code
 * points, or an empty one, has no upper bound.
 */
final class PrefixRange {
    private PrefixRange() {
    }

    /** The smallest string greater than every string starting with {@code prefix}, if there is one. */
    static Optional<String> upperBound(String prefix) {
        int end = prefix.length();
        while (end > 0) {
            int last = prefix.codePointBefore(end);
            int start = end - Character.charCount(last);
            if (last < Character.MAX_CODE_POINT) {
                int next = last + 1 == Character.MIN_SURROGATE ? Character.MAX_SURROGATE + 1 : last + 1;
                return Optional.of(prefix.substring(0, start) + Character.toString(next));
            }
            end = start;
        }
        return Optional.empty();
    }
}
