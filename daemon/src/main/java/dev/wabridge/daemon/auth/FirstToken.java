package dev.wabridge.daemon.auth;

import dev.wabridge.daemon.store.FilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Hands the first admin token to the person installing the daemon, and to nobody else. On a
 * terminal it is printed once. Otherwise (systemd, where stdout is the journal that the
 * unit once told people to grep) it is written to {@value #FILE} in the data directory,
 * created 0600, and only that path is printed and logged (issue 11).
 */
public final class FirstToken {
    private static final Logger log = LoggerFactory.getLogger(FirstToken.class);
    public static final String FILE = "first-admin-token";

    private FirstToken() {
    }

    /** Shows the new token on the terminal, or writes it to the data directory; returns the file, or null when printed. */
    public static Path announce(TokenService.Created created, Path dataDir, boolean terminal, PrintStream out) throws IOException {
        String what = "No API token existed, so one was created (name '" + created.stored().name() + "', scopes "
                + String.join(",", created.stored().scopes()) + ").";
        if (terminal) {
            out.println(what);
            out.println("It is shown only this once; store it now (./wabridge token create NAME makes more):");
            out.println(created.token());
            return null;
        }
        Path file = write(dataDir, created.token());
        out.println(what);
        out.println("It was written to " + file + " (0600), not printed: stdout is not a terminal. Store it, then delete the file.");
        log.warn("the first API token '{}' was written to {} (0600); store it and delete the file", created.stored().name(), file);
        return file;
    }

    /** Written beside, then moved over any older file: a reader never sees half a token. */
    private static Path write(Path dataDir, String token) throws IOException {
        Path file = dataDir.resolve(FILE);
        Path tmp = dataDir.resolve(FILE + ".tmp");
        Files.deleteIfExists(tmp);
        FilePermissions.privateFile(tmp);
        Files.writeString(tmp, token + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }
}
