package dev.wabridge.daemon.store.sqlite;

import dev.wabridge.daemon.store.Database;
import dev.wabridge.daemon.store.FilePermissions;
import dev.wabridge.daemon.store.SqlWork;
import dev.wabridge.daemon.store.StoreCondition;
import dev.wabridge.daemon.store.StoreException;
import dev.wabridge.daemon.store.StoreFault;
import dev.wabridge.daemon.store.TxWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The SQLite store: one file (0600), WAL journal, versioned migrations, and one connection
 * owned by one thread. Every read and write goes through {@link #call} or {@link #submit},
 * so there is exactly one writer and "database is locked" cannot happen inside the daemon.
 *
 * <p>synchronous=FULL: a commit is on disk before the caller hears about it, which is what
 * "accepted means stored" needs; the cost (one fsync per transaction) is small next to the
 * 3-second send pace.
 *
 * <p>Faults an operator must fix (a full disk, a damaged file, an I/O error) are told apart
 * from ordinary errors ({@link SqliteFaults}): the caller hears them in plain words, the log
 * says so once when one starts and once when it ends, and {@link #condition} reports it
 * until then. An I/O error ends with the next write that commits; a full disk with the next
 * write that makes the file grow; a damaged file lasts until it is restored.
 */
public final class SqliteDatabase implements Database {
    private static final Logger log = LoggerFactory.getLogger(SqliteDatabase.class);
    private static final StoreCondition HEALTHY = new StoreCondition(null, null, null, -1);

    private final Path file;
    private final ExecutorService executor;
    /** The executor's only thread, to refuse a nested call that would wait for itself. */
    private final Thread writer;
    private final Connection connection;
    /** The fault being lived through (fault, detail, since), or HEALTHY; written on the store thread only. */
    private volatile StoreCondition fault = HEALTHY;
    /** The size in pages when the disk filled up: the fault is over once a write grew the file past it. */
    private volatile long pagesAtFault;

    private SqliteDatabase(Path file, ExecutorService executor, Thread writer, Connection connection) {
        this.file = file;
        this.executor = executor;
        this.writer = writer;
        this.connection = connection;
    }

    /** Opens (creating it 0600 when missing) and migrates the database file. */
    public static SqliteDatabase open(Path file) {
        try {
            FilePermissions.privateDirectory(file.toAbsolutePath().getParent());
            FilePermissions.privateFile(file);
        } catch (IOException e) {
            throw new StoreException("cannot create the database file " + file + ": " + e.getMessage(), e);
        }
        AtomicReference<Thread> writer = new AtomicReference<>();
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "store-writer");
            t.setDaemon(true);
            writer.set(t);
            return t;
        });
        try {
            Connection connection = executor.submit(() -> {
                SQLiteConfig config = new SQLiteConfig();
                config.setJournalMode(SQLiteConfig.JournalMode.WAL);
                config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
                config.enforceForeignKeys(true);
                config.setBusyTimeout(10_000); // other processes (the CLI) may write briefly
                Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
                int applied = Migrations.apply(c, Migrations.load());
                if (applied > 0) {
                    log.info("database {}: applied {} migration(s)", file, applied);
                }
                return c;
            }).get();
            return new SqliteDatabase(file, executor, writer.get(), connection);
        } catch (ExecutionException e) {
            executor.shutdownNow();
            Throwable cause = e.getCause();
            StoreFault fault = SqliteFaults.classify(cause);
            if (fault != null) {
                throw new StoreException(fault, "cannot open the database: " + SqliteFaults.describe(fault, file, SqliteFaults.detail(cause)), cause);
            }
            if (cause instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("cannot open the database " + file + ": " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while opening " + file);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public String location() {
        return file.toString();
    }

    /** PRAGMA quick_check: every page read and every b-tree checked, without the index cross-checks of integrity_check. */
    @Override
    public void verify() {
        long start = System.nanoTime();
        List<String> problems = call(c -> {
            List<String> rows = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA quick_check(10)")) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        });
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (!problems.equals(List.of("ok"))) {
            throw new StoreException(StoreFault.DAMAGED, SqliteFaults.damaged(file, "PRAGMA quick_check: " + String.join("; ", problems)), null);
        }
        log.info("database {} checked (PRAGMA quick_check, {} MB) in {} ms: ok", file, size() >> 20, millis);
    }

    private long size() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public StoreCondition condition() {
        StoreCondition now = fault;
        long free;
        try {
            free = Files.getFileStore(file).getUsableSpace();
        } catch (IOException e) {
            free = -1;
        }
        return new StoreCondition(now.fault(), now.detail(), now.since(), free);
    }

    @Override
    public <T> T inTransaction(TxWork<T> work) {
        return transaction(c -> work.run(new SqliteTx(c)));
    }

    @Override
    public void ping() {
        call(c -> {
            try (Statement s = c.createStatement()) {
                return s.execute("SELECT 1");
            }
        });
    }

    /** Runs {@code work} on the store thread and waits for it. Never call from a Netty event loop. */
    @Override
    public <T> T call(SqlWork<T> work) {
        if (Thread.currentThread() == writer) {
            // The single store thread would wait for itself forever: fail loudly instead.
            throw new IllegalStateException("a store call from inside another store call; pass the Tx to the repository instead");
        }
        try {
            return submit(work).get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StoreException se) {
                throw se;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new StoreException("store operation failed: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the store");
        }
    }

    /** Runs {@code work} in one transaction on the store thread and waits for it. */
    @Override
    public <T> T transaction(SqlWork<T> work) {
        return call(c -> {
            c.setAutoCommit(false);
            T result;
            try {
                result = work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                // SQLite may have rolled back by itself (SQLITE_FULL does): then rollback and the switch back to
                // auto-commit fail too ("no transaction is active"); the first error says why, so it is the one thrown.
                try {
                    c.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                try {
                    c.setAutoCommit(true);
                } catch (SQLException restore) {
                    e.addSuppressed(restore);
                }
                throw e;
            }
            c.setAutoCommit(true);
            return result;
        });
    }

    @Override
    public <T> CompletableFuture<T> submit(SqlWork<T> work) {
        CompletableFuture<T> future = new CompletableFuture<>();
        executor.execute(() -> {
            long changesBefore = totalChanges();
            try {
                T result = work.run(connection);
                if (fault.fault() != null && fault.fault() != StoreFault.DAMAGED && totalChanges() > changesBefore && overFor()) {
                    recovered();
                }
                future.complete(result);
            } catch (SQLException e) {
                future.completeExceptionally(failed(e, new StoreException("store error: " + e.getMessage(), e)));
            } catch (RuntimeException e) {
                future.completeExceptionally(failed(e, e));
            }
        });
        return future;
    }

    /** A fault becomes a StoreException saying it in plain words, and is remembered and logged when it starts. */
    private RuntimeException failed(Throwable failure, RuntimeException asIs) {
        StoreFault kind = SqliteFaults.classify(failure);
        if (kind == null) {
            return asIs;
        }
        String detail = SqliteFaults.detail(failure);
        if (fault.fault() != kind) {
            fault = new StoreCondition(kind, detail, Instant.now(), -1);
            pagesAtFault = pageCount();
            log.error("store: {}", SqliteFaults.describe(kind, file, detail));
        }
        return new StoreException(kind, SqliteFaults.describe(kind, file, detail), failure);
    }

    /**
     * Whether a write that just committed ends the fault. An I/O error: yes. A full disk: only
     * a write that made the file grow, since small writes still fit in free pages of a full
     * disk and would make the health check flip back and forth.
     */
    private boolean overFor() {
        return fault.fault() != StoreFault.DISK_FULL || pageCount() > pagesAtFault;
    }

    /** The database's size in pages, or -1; on the store thread. */
    private long pageCount() {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA page_count")) {
            return rs.next() ? rs.getLong(1) : -1;
        } catch (SQLException e) {
            return -1;
        }
    }

    private void recovered() {
        log.warn("store: the database {} is written again; the {} is over", file, fault.fault().words());
        fault = HEALTHY;
    }

    /** Rows changed by this connection since it opened (to see that a write committed); -1 when unknown. */
    private long totalChanges() {
        try {
            return connection.unwrap(SQLiteConnection.class).getDatabase().total_changes();
        } catch (SQLException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        if (executor.isShutdown()) {
            return; // closing twice is harmless
        }
        executor.execute(() -> {
            try {
                connection.close();
            } catch (SQLException e) {
                log.warn("closing the database: {}", e.getMessage());
            }
        });
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
