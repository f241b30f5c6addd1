package dev.wabridge.daemon.store;

/** The store failed (I/O, corruption, a constraint the caller did not expect). */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
