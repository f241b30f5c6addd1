package dev.wabridge.daemon.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where {@code mcp-stdio} gets its token. A command-line argument is visible to every local
 * user in {@code ps} and /proc for as long as the bridge runs (and editors run it for days),
 * so it is the last resort and warned about; {@code --token-file} (named on purpose) comes
 * first, then {@code $WABRIDGE_TOKEN}, which only the same user can read.
 */
final class StdioToken {
    private StdioToken() {
    }

    /** The token to use, or null when none was given; warnings go to {@code warn} (stderr). */
    static String resolve(String tokenFile, String tokenArgument, String environment, Consumer<String> warn) {
        if (tokenFile != null) {
            if (tokenArgument != null) {
                warn.accept("wabridge mcp-stdio: --token is ignored: --token-file " + tokenFile + " is used");
            }
            return fromFile(Path.of(tokenFile), warn);
        }
        if (environment != null && !environment.isBlank()) {
            if (tokenArgument != null) {
                warn.accept("wabridge mcp-stdio: --token is ignored: WABRIDGE_TOKEN is set and is used");
            }
            return environment.trim();
        }
        if (tokenArgument != null) {
            warn.accept("wabridge mcp-stdio: warning: --token shows the token to every local user (ps, /proc); "
                    + "set WABRIDGE_TOKEN in the client's env or use --token-file FILE instead");
        }
        return tokenArgument;
    }

    private static String fromFile(Path file, Consumer<String> warn) {
        String token;
        try {
            token = Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::trim).filter(l -> !l.isEmpty())
                    .findFirst().orElse(null);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read --token-file " + file + ": " + e.getMessage(), e);
        }
        if (token == null) {
            throw new IllegalArgumentException("--token-file " + file + " is empty; put the token (wab_…) on its first line");
        }
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (mode.contains(PosixFilePermission.GROUP_READ) || mode.contains(PosixFilePermission.OTHERS_READ)) {
                warn.accept("wabridge mcp-stdio: warning: " + file + " is readable by other users; chmod 600 " + file);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system: nothing to check
        }
        return token;
    }
}
