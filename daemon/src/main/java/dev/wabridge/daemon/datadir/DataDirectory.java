package dev.wabridge.daemon.datadir;

import dev.wabridge.daemon.auth.FirstToken;
import dev.wabridge.daemon.store.FilePermissions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The data directory's memory of having been used, so a lost database is never mistaken for
 * a new installation. A 0-byte wabridge.db once started over: a new admin token, the starting
 * credits granted again, the old tokens refused and the history gone (issue 11). Like
 * PostgreSQL, which refuses a data directory without PG_VERSION instead of initialising it,
 * the daemon and the CLI stop when the database is missing or empty while anything shows
 * earlier use: the marker written after the database was first opened ({@value #MARKER}),
 * SQLite's -wal/-shm files, the socket, the sandbox's state or the first-token file. (Not
 * the lock file: {@code run} creates it before it opens the database.)
 */
public final class DataDirectory {
    /** Written once the database exists; while it exists a lost database stops the start. */
    public static final String MARKER = "wabridge.db.created";
    /** Where run --sandbox keeps the sandbox's keys and linked devices. */
    public static final String SANDBOX_STATE = "sandbox-state.json";

    private final Path dir;
    private final Path database;
    private final Path socket;

    /**
     * @param socket the configured Unix socket, or null when it is off
     */
    public DataDirectory(Path dir, Path database, Path socket) {
        this.dir = dir;
        this.database = database;
        this.socket = socket;
    }

    /** Passes for a usable database or a fresh directory; throws when the database was lost. */
    public void requireDatabaseOrFreshStart() {
        long size;
        try {
            size = Files.exists(database) ? Files.size(database) : -1;
        } catch (IOException e) {
            throw new DataDirectoryException("cannot read " + database + ": " + e.getMessage(), e);
        }
        if (size > 0) {
            return;
        }
        List<String> evidence = evidence();
        if (evidence.isEmpty()) {
            return; // a new installation
        }
        throw new DataDirectoryException("the database " + database + " is " + (size < 0 ? "missing" : "empty (0 bytes)")
                + ", but " + dir + " was used before (" + String.join(", ", evidence) + "). wabridge does not start over on"
                + " its own: that would create a new admin token, grant the starting credits again, refuse the old tokens and"
                + " lose the history.\nThe way back: restore your latest backup (cp BACKUP " + database + " && chmod 600 "
                + database + "; README, \"Backup and restore\"), then start again.\nTo really start over, move " + dir
                + " away (or delete " + dir.resolve(MARKER) + " and the files named above).");
    }

    /** What in the directory shows earlier use, by file name. */
    List<String> evidence() {
        List<Path> candidates = new ArrayList<>(List.of(dir.resolve(MARKER), Path.of(database + "-wal"), Path.of(database + "-shm"),
                dir.resolve(SANDBOX_STATE), dir.resolve(FirstToken.FILE)));
        if (socket != null) {
            candidates.add(socket);
        }
        return candidates.stream().filter(Files::exists).map(p -> p.getFileName().toString()).toList();
    }

    /** After the database opened: remembers that it exists (once; 0600 like everything here). */
    public void markDatabaseCreated() {
        Path marker = dir.resolve(MARKER);
        if (Files.exists(marker)) {
            return;
        }
        try {
            FilePermissions.privateFile(marker);
            Files.writeString(marker, "wabridge's database " + database.getFileName() + " was first opened here at " + Instant.now()
                    + ".\nWhile this file exists, a missing or empty database stops wabridge instead of starting over.\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DataDirectoryException("cannot write " + marker + ": " + e.getMessage(), e);
        }
    }
}
