package dev.wabridge.wire.signal.protocol;

/** A key that is malformed (length, type byte) or a signed prekey whose signature does not verify. */
public final class InvalidKeyException extends SignalProtocolException {
    public InvalidKeyException(String message) {
        super(message);
    }
}
