package dev.wabridge.daemon.store;

import java.io.Serial;
import java.util.Optional;

/**
 * The store failed (I/O, corruption, a full disk, a constraint the caller did not expect).
 * When the cause is one an operator must fix, {@link #fault()} names it.
 */
public final class StoreException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final StoreFault fault;

    public StoreException(String message, Throwable cause) {
        this(null, message, cause);
    }

    public StoreException(String message) {
        this(null, message, null);
    }

    public StoreException(StoreFault fault, String message, Throwable cause) {
        super(message, cause);
        this.fault = fault;
    }

    public Optional<StoreFault> fault() {
        return Optional.ofNullable(fault);
    }
}
