package dev.wabridge.daemon.datadir;

import java.io.Serial;

/**
 * The data directory cannot be used as it is: another daemon runs on it, or it shows earlier
 * use while its database is gone. The message says what was found and what to do; the CLI
 * prints it and exits non-zero.
 */
public final class DataDirectoryException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    public DataDirectoryException(String message) {
        super(message);
    }

    public DataDirectoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
