package dev.wabridge.daemon.store.sqlite;

import dev.wabridge.daemon.store.FilePermissions;
import dev.wabridge.daemon.store.StoreException;
import dev.wabridge.daemon.store.StoreFault;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@code wabridge backup FILE}: a consistent copy of the database while the daemon runs, with
 * SQLite's online backup API. All pages are copied in one step, inside one read transaction:
 * under WAL that is a snapshot of one commit, and the daemon keeps writing meanwhile (a
 * step-by-step copy restarts whenever another process writes, and might never finish
 * during a burst). The copy is checked (quick_check) before it gets its name, so a file
 * named FILE is always a whole, readable backup; it is 0600 like the database.
 */
public final class SqliteBackup {
    /** What was written: where, how big, how long it took. */
    public record Result(Path file, long bytes, long millis) {
    }

    private SqliteBackup() {
    }

    public static Result to(Path database, Path target) {
        long start = System.nanoTime();
        try {
            if (!Files.isRegularFile(database) || Files.size(database) == 0) {
                throw new StoreException("there is no database at " + database + " to back up");
            }
        } catch (IOException e) {
            throw new StoreException("cannot read " + database + ": " + e.getMessage(), e);
        }
        if (Files.exists(target)) {
            throw new StoreException(target + " exists; a backup never overwrites a file: name a new one");
        }
        Path absolute = target.toAbsolutePath();
        if (!Files.isDirectory(absolute.getParent())) {
            throw new StoreException("the directory " + absolute.getParent() + " does not exist");
        }
        Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
        try {
            Files.deleteIfExists(partial);
            FilePermissions.privateFile(partial);
            copy(database, partial);
            check(partial);
            Files.move(partial, absolute, StandardCopyOption.ATOMIC_MOVE);
            return new Result(absolute, Files.size(absolute), (System.nanoTime() - start) / 1_000_000);
        } catch (IOException | SQLException e) {
            deleteQuietly(partial);
            StoreFault fault = SqliteFaults.classify(e);
            String detail = fault == null ? SqliteFaults.detail(e) : fault.words() + ": " + SqliteFaults.detail(e);
            throw new StoreException(fault, "the backup of " + database + " to " + target + " failed (" + detail + "); " + target
                    + " was not written", e);
        } catch (RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
    }

    private static void copy(Path database, Path destination) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(10_000);
        try (Connection c = config.createConnection("jdbc:sqlite:" + database.toAbsolutePath())) {
            // pages per step -1: everything in one step, one snapshot; on SQLITE_BUSY wait 100 ms, up to 100 times
            c.unwrap(SQLiteConnection.class).getDatabase().backup("main", destination.toString(), null, 100, 100, -1);
        }
    }

    private static void check(Path copy) throws SQLException {
        try (Connection c = new SQLiteConfig().createConnection("jdbc:sqlite:" + copy);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA quick_check(5)")) {
            StringBuilder problems = new StringBuilder();
            while (rs.next()) {
                problems.append(problems.isEmpty() ? "" : "; ").append(rs.getString(1));
            }
            if (!"ok".contentEquals(problems)) {
                throw new StoreException(StoreFault.DAMAGED, "the copy does not pass PRAGMA quick_check (" + problems
                        + "): the database itself is probably damaged; stop wabridge and check it", null);
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(Path.of(file + "-journal"));
        } catch (IOException ignored) {
            // the error being reported matters more than a leftover .partial file
        }
    }
}
