package dev.wabridge.wire.signal.protocol;

/**
 * The message is further ahead in its chain than the skipped-key bound allows (see
 * {@code RatchetLimits}): accepting it would make us derive and keep that many keys. It is
 * refused with nothing changed; the session stays usable for the messages in between.
 */
public final class MessageTooFarAheadException extends SignalProtocolException {
    public MessageTooFarAheadException(String message) {
        super(message);
    }
}
