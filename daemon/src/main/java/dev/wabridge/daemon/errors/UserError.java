package dev.wabridge.daemon.errors;

import java.io.Serial;

/**
 * The request cannot be done, for a reason the caller can fix (bad phone, opted out, not
 * enough credits, unknown id). Becomes an isError tool result with this message; nothing
 * was changed.
 *
 * <p>In a package of its own because every service throws it and the tools catch it: it must
 * not tie them to any one service package.
 */
public final class UserError extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message, null, false, false);
    }
}
