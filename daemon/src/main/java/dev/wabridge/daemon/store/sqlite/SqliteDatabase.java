package dev.wabridge.daemon.store.sqlite;

import dev.wabridge.daemon.store.Database;
import dev.wabridge.daemon.store.FilePermissions;
import dev.wabridge.daemon.store.SqlWork;
import dev.wabridge.daemon.store.StoreException;
import dev.wabridge.daemon.store.TxWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
 */
public final class SqliteDatabase implements Database {
    private static final Logger log = LoggerFactory.getLogger(SqliteDatabase.class);

    private final Path file;
    private final ExecutorService executor;
    /** The executor's only thread, to refuse a nested call that would wait for itself. */
    private final Thread writer;
    private final Connection connection;

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
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }

    @Override
    public <T> CompletableFuture<T> submit(SqlWork<T> work) {
        CompletableFuture<T> future = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                future.complete(work.run(connection));
            } catch (SQLException e) {
                future.completeExceptionally(new StoreException("store error: " + e.getMessage(), e));
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        });
        return future;
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
