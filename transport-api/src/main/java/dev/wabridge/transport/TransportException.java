package dev.wabridge.transport;

/**
 * A transport operation failed. {@code retryable}: the same operation may succeed later
 * (not connected, timeout, server busy); otherwise it never will (no WhatsApp account,
 * rejected content).
 */
public class TransportException extends RuntimeException {
    private final boolean retryable;

    public TransportException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public TransportException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
