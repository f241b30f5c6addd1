package dev.wabridge.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Watches the daemon's outbox from outside, on its own read-only SQLite connection (WAL lets
 * it read beside the daemon's writer without blocking it), so the load harness learns when
 * every message is sent without asking the daemon, whose store thread is what is measured.
 */
final class OutboxWatch implements AutoCloseable {
    private final Connection connection;
    /** (nanoTime, sent) samples. */
    private final List<long[]> samples = new ArrayList<>();

    /** Counts of the outbox by outcome. */
    record Counts(long sent, long failed, long open) {
    }

    OutboxWatch(Path database) throws SQLException {
        this.connection = DriverManager.getConnection("jdbc:sqlite:file:" + database.toAbsolutePath() + "?mode=ro");
    }

    Counts counts() throws SQLException {
        long sent = 0;
        long failed = 0;
        long open = 0;
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT status, count(*) FROM outbox GROUP BY status")) {
            while (r.next()) {
                switch (r.getString(1)) {
                    case "sent" -> sent = r.getLong(2);
                    case "failed", "cancelled" -> failed += r.getLong(2);
                    default -> open += r.getLong(2);
                }
            }
        }
        samples.add(new long[]{System.nanoTime(), sent});
        return new Counts(sent, failed, open);
    }

    /** Polls every {@code everyMillis} until {@code total} messages are finished or {@code timeoutNanos} passed. */
    Counts awaitFinished(long total, long everyMillis, long timeoutNanos) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        Counts c = counts();
        while (c.sent() + c.failed() < total && System.nanoTime() < deadline) {
            Thread.sleep(everyMillis);
            c = counts();
        }
        return c;
    }

    /** The first sample time at which at least {@code sent} messages were sent, or -1. */
    long firstTimeSent(long sent) {
        for (long[] s : samples) {
            if (s[1] >= sent) {
                return s[0];
            }
        }
        return -1;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
