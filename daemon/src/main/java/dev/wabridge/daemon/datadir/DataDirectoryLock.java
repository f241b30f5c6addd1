package dev.wabridge.daemon.datadir;

import dev.wabridge.daemon.store.FilePermissions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One daemon per data directory, as PostgreSQL's postmaster.pid: {@code run} holds an
 * exclusive lock on {@value #FILE} (which names its PID) for its whole life, and a second
 * {@code run} on the same directory stops before it touches anything, naming the PID that
 * holds it. Two daemons once both ran: the second deleted and rebound the first one's
 * socket and both sent for the same numbers (issue 11).
 *
 * <p>The operating system drops the lock when the process ends, even on kill -9, so a stale
 * file never blocks a restart. CLI commands that only use the database (token, credits,
 * backup) do not take it: SQLite's own locking lets them write beside the daemon.
 *
 * <p>The lock is a POSIX record lock, which the OS releases when the process closes any
 * descriptor of the file; so this JVM opens the file once, remembers which directories it
 * holds, and never reads a file it holds the lock on.
 */
public final class DataDirectoryLock implements AutoCloseable {
    public static final String FILE = "wabridge.lock";
    /** Lock files this JVM holds (tests run several daemons, one after another, in one JVM). */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock or throws, naming the daemon that holds it. */
    public static DataDirectoryLock acquire(Path dataDir) {
        Path file;
        try {
            file = FilePermissions.privateDirectory(dataDir).resolve(FILE).toAbsolutePath().normalize();
        } catch (IOException e) {
            throw new DataDirectoryException("cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
        }
        if (!HELD.add(file)) {
            throw inUse(dataDir, Long.toString(ProcessHandle.current().pid()));
        }
        try {
            FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String pid = holder(channel);
                channel.close();
                throw inUse(dataDir, pid);
            }
            byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
            channel.force(true);
            return new DataDirectoryLock(file, channel, lock);
        } catch (IOException e) {
            HELD.remove(file);
            throw new DataDirectoryException("cannot lock the data directory " + dataDir + " (" + file + "): " + e.getMessage(), e);
        } catch (RuntimeException e) {
            HELD.remove(file);
            throw e;
        }
    }

    /** The PID the running daemon wrote (it may be writing it right now: then "unknown"). */
    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
        return text.matches("\\d{1,10}") ? text : "unknown";
    }

    private static DataDirectoryException inUse(Path dataDir, String pid) {
        return new DataDirectoryException("another wabridge daemon (PID " + pid + ") is running on the data directory " + dataDir
                + "; stop it first (systemctl stop wabridge, or kill " + pid + "). Nothing was changed. "
                + "Commands that only use the database (token, credits, backup) work beside it.");
    }

    public Path file() {
        return file;
    }

    /** Releases the lock; the file stays (an empty lock file is harmless and marks earlier use). */
    @Override
    public void close() {
        if (!channel.isOpen()) {
            return;
        }
        try {
            channel.truncate(0);
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the process is stopping; the OS drops the lock with the descriptor anyway
        } finally {
            HELD.remove(file);
        }
    }

}
