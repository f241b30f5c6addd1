package dev.wabridge.wire.signal.protocol;

/**
 * Something in a Signal message, bundle or state does not hold (libsignal rust
 * protocol/src/error.rs SignalProtocolError). The subclasses say what, so a transport can
 * choose between a retry receipt, dropping a duplicate, or asking for new keys. Messages name
 * ids and counters, never key material.
 */
public class SignalProtocolException extends RuntimeException {
    public SignalProtocolException(String message) {
        super(message);
    }

    public SignalProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
