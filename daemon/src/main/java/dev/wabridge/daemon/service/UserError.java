package dev.wabridge.daemon.service;

/**
 * The request cannot be done, for a reason the caller can fix (bad phone, opted out, not
 * enough credits, unknown id). Becomes an isError tool result with this message; nothing
 * was changed.
 */
public final class UserError extends RuntimeException {
    public UserError(String message) {
        super(message, null, false, false);
    }
}
