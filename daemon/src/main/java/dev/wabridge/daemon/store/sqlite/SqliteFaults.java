package dev.wabridge.daemon.store.sqlite;

import dev.wabridge.daemon.store.StoreFault;

import java.nio.file.Path;
import java.sql.SQLException;

/**
 * SQLite's result codes that an operator, not a caller, must act on, and what to tell them.
 * A full disk was answered "Internal error" and never logged as such; a damaged file looped
 * on SQLITE_CORRUPT while health said "store ok" (issue 11).
 */
final class SqliteFaults {
    private static final int SQLITE_IOERR = 10;
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_FULL = 13;
    private static final int SQLITE_NOTADB = 26;

    private SqliteFaults() {
    }

    /** The fault behind {@code failure} (anywhere in its causes), or null for an ordinary error. */
    static StoreFault classify(Throwable failure) {
        SQLException sql = sqlCause(failure);
        if (sql == null) {
            return null;
        }
        // Extended codes carry the primary code in their low byte (SQLITE_IOERR_WRITE = 10 | 3 << 8).
        return switch (sql.getErrorCode() & 0xff) {
            case SQLITE_FULL -> StoreFault.DISK_FULL;
            case SQLITE_CORRUPT, SQLITE_NOTADB -> StoreFault.DAMAGED;
            case SQLITE_IOERR -> StoreFault.IO_ERROR;
            default -> null;
        };
    }

    /** SQLite's own words for the failure, without the JDBC wrapping. */
    static String detail(Throwable failure) {
        SQLException sql = sqlCause(failure);
        String message = sql != null ? sql.getMessage() : failure.getMessage();
        return message == null ? failure.getClass().getSimpleName() : message;
    }

    private static SQLException sqlCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    /** What a caller and the log hear: the fault in plain words, the file, SQLite's detail, what to do. */
    static String describe(StoreFault fault, Path file, String detail) {
        return switch (fault) {
            case DISK_FULL -> "disk full: the database " + file + " could not be written (" + detail + "); nothing of this request "
                    + "was stored. Free space on that disk: wabridge goes on by itself, and nothing stored before is lost";
            case DAMAGED -> damaged(file, detail);
            case IO_ERROR -> "I/O error on the database " + file + " (" + detail + "); the request was not completed. "
                    + "Check the disk and the system log (dmesg)";
        };
    }

    /** The refusal to run on a damaged file: the file, the error, and the way back. */
    static String damaged(Path file, String detail) {
        return "the database " + file + " is damaged (" + detail + "). wabridge does not run on a damaged database, so nothing"
                + " more is lost. The way back, with the daemon stopped:\n"
                + "  1. keep the damaged files: mv " + file + " " + file + ".damaged (and its -wal and -shm files, if any)\n"
                + "  2. restore your latest backup: cp BACKUP " + file + " && chmod 600 " + file
                + " (README, \"Backup and restore\")\n"
                + "  3. start wabridge again.\n"
                + "Without a backup, SQLite salvages what it can read: sqlite3 " + file + ".damaged .recover | sqlite3 " + file;
    }
}
