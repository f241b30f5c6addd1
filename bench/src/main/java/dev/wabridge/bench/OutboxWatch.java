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
 * it read beside the daemon's writer without blocking it) and its own thread, sampling every
 * 250 ms from the moment it starts, so the load harness learns how many messages are sent
 * over time without asking the daemon, whose store thread is part of what is measured.
 */
final class OutboxWatch implements AutoCloseable {
    static final long EVERY_MILLIS = 250;
    private final Connection connection;
    private final List<Sample> samples = new ArrayList<>();
    private volatile boolean stopped;
    private Thread thread;

    /** Counts of the outbox by outcome at one moment (nanoTime). */
    record Sample(long at, long sent, long failed, long open) {
    }

    OutboxWatch(Path database) throws SQLException {
        this.connection = DriverManager.getConnection("jdbc:sqlite:file:" + database.toAbsolutePath() + "?mode=ro");
    }

    void start() {
        thread = Thread.ofPlatform().daemon().name("outbox-watch").start(() -> {
            while (!stopped) {
                try {
                    Sample s = sample();
                    synchronized (this) {
                        samples.add(s);
                        notifyAll();
                    }
                    Thread.sleep(EVERY_MILLIS);
                } catch (SQLException e) {
                    System.err.println("outbox watch: " + e);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    private Sample sample() throws SQLException {
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
        return new Sample(System.nanoTime(), sent, failed, open);
    }

    /** Waits until {@code total} messages are finished (sent or failed) or {@code timeoutNanos} passed; the last sample. */
    synchronized Sample awaitFinished(long total, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (samples.isEmpty() || samples.getLast().sent() + samples.getLast().failed() < total) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return samples.getLast();
    }

    /** The first sample time at which at least {@code sent} messages were sent, or -1. */
    synchronized long firstTimeSent(long sent) {
        for (Sample s : samples) {
            if (s.sent() >= sent) {
                return s.at();
            }
        }
        return -1;
    }

    @Override
    public void close() throws SQLException {
        stopped = true;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        connection.close();
    }
}
