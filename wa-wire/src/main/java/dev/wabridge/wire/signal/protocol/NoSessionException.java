package dev.wabridge.wire.signal.protocol;

/** There is no Signal session (or sender key) for that address: build one from a prekey bundle or a distribution message first. */
public final class NoSessionException extends SignalProtocolException {
    public NoSessionException(String message) {
        super(message);
    }
}
