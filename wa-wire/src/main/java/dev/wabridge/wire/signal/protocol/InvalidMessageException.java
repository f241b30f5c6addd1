package dev.wabridge.wire.signal.protocol;

/**
 * A message that cannot be read: malformed, wrong version, bad MAC or signature, bad padding,
 * or no session state it belongs to. Nothing was changed by the attempt.
 */
public class InvalidMessageException extends SignalProtocolException {
    public InvalidMessageException(String message) {
        super(message);
    }

    public InvalidMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
