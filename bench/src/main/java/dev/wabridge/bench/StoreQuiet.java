package dev.wabridge.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Waits until the daemon's SQLite store stops committing. A session that has just logged in
 * for the first time generates its one-time prekeys, and each is a transaction of its own (an
 * fsync on disk): with hundreds of new sessions the store is busy for minutes after they
 * report "connected", and a figure taken then measures that backlog, not a send. SQLite's
 * {@code PRAGMA data_version} changes on this read-only connection whenever another
 * connection commits, so "unchanged for a while" means the daemon's writer is idle.
 */
final class StoreQuiet {
    private StoreQuiet() {
    }

    /** Waits for 2 s without a commit (at most an hour) and prints how long that took. */
    static void awaitAndSay(Path database) throws SQLException, InterruptedException {
        System.out.printf("then the store was busy %.1f s more (each new session's one-time prekeys; waited for 2 s without a commit)%n",
                await(database, 2000, 3600));
    }

    /** Returns the seconds waited; gives up (and says so) after {@code maxSeconds}. */
    static double await(Path database, long quietMillis, long maxSeconds) throws SQLException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + maxSeconds * 1_000_000_000L;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + database.toAbsolutePath() + "?mode=ro");
             Statement s = c.createStatement()) {
            long version = dataVersion(s);
            long unchangedSince = System.nanoTime();
            while (System.nanoTime() - unchangedSince < quietMillis * 1_000_000) {
                if (System.nanoTime() > deadline) {
                    System.out.printf("the store was still committing after %d s; measuring anyway%n", maxSeconds);
                    break;
                }
                Thread.sleep(200);
                long now = dataVersion(s);
                if (now != version) {
                    version = now;
                    unchangedSince = System.nanoTime();
                }
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static long dataVersion(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("PRAGMA data_version")) {
            r.next();
            return r.getLong(1);
        }
    }
}
