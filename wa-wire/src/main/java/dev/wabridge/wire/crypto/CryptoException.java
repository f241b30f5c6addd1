package dev.wabridge.wire.crypto;

/** A cryptographic check failed (bad tag, bad signature, bad key): the peer's data is not trusted. */
public final class CryptoException extends RuntimeException {
    public CryptoException(String message) {
        super(message);
    }

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
