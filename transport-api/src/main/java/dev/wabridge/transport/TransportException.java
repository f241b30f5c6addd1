package dev.wabridge.transport;

/**
 * A transport operation failed. {@code retryable}: the same operation may succeed later
 * (not connected, timeout, server busy); otherwise it never will (no WhatsApp account,
 * rejected content). {@link #limit()} tells when WhatsApp itself limited the number, which
 * concerns every later send of the session, not only this one.
 */
public class TransportException extends RuntimeException {
    /** Whether, and how, WhatsApp limited the linked number when it refused the operation. */
    public enum Limit {
        /** Not a limit: this operation failed on its own. */
        NONE,
        /**
         * The number sends too fast for WhatsApp (error 429, {@code rate-overlimit}): every send
         * of the session should wait, and this one may be retried after the wait.
         */
        RATE,
        /**
         * WhatsApp restricts what the number may send (error 463: it may not start new chats
         * now, or the contact's privacy token is missing). Not retryable: every retry counts as
         * another attempt to reach out and can lengthen the restriction.
         */
        RESTRICTION
    }

    private final boolean retryable;
    private final Limit limit;

    public TransportException(String message, boolean retryable) {
        this(message, retryable, Limit.NONE);
    }

    public TransportException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.limit = Limit.NONE;
    }

    /** A refusal because of a WhatsApp limit: retryable exactly when {@code limit} is {@link Limit#RATE}. */
    public TransportException(String message, Limit limit) {
        this(message, limit == Limit.RATE, limit);
    }

    protected TransportException(String message, boolean retryable, Limit limit) {
        super(message);
        this.retryable = retryable;
        this.limit = limit;
    }

    public boolean retryable() {
        return retryable;
    }

    public Limit limit() {
        return limit;
    }
}
