package dev.wabridge.wire.signal.protocol;

/**
 * A {@code pkmsg} names a one-time prekey or signed prekey we do not have (used already, or
 * never ours). The sender must fetch a fresh bundle; WhatsApp answers with a retry receipt.
 */
public final class InvalidKeyIdException extends SignalProtocolException {
    public InvalidKeyIdException(String message) {
        super(message);
    }
}
