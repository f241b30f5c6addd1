package dev.wabridge.wire.binary;

/** Bytes that are not a valid node. The connection that sent them is closed. */
public final class NodeCodecException extends RuntimeException {
    public NodeCodecException(String message) {
        super(message, null, false, false);
    }
}
