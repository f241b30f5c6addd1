package dev.wabridge.daemon.store;

import java.io.Serial;

/** The store failed (I/O, corruption, a constraint the caller did not expect). */
public final class StoreException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
