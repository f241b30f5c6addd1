package dev.wabridge.wire.signal.protocol;

/**
 * The message's counter (or sender-key iteration) was used already: it was decrypted before,
 * so its key is gone (libsignal DuplicatedMessage; libsignal-node MessageCounterError). Not a
 * corrupt session: drop the message, the session goes on.
 */
public final class DuplicateMessageException extends SignalProtocolException {
    public DuplicateMessageException(String message) {
        super(message);
    }
}
