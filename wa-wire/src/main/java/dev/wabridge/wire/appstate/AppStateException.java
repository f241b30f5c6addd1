package dev.wabridge.wire.appstate;

import java.util.HexFormat;

/**
 * A patch or snapshot that cannot be applied (whatsmeow appstate/errors.go: ErrKeyNotFound,
 * ErrMismatchingContentMAC, ErrMismatchingIndexMAC, ErrMismatchingLTHash,
 * ErrMismatchingPatchMAC). {@link Kind#MISSING_KEY} means the phone has not shared the key that
 * encrypted it (yet); every other kind means the data or our state is wrong, and nothing of it
 * may be stored.
 */
public final class AppStateException extends Exception {
    public enum Kind {
        /** No app-state sync key with the patch's key id. */
        MISSING_KEY,
        /** A value MAC, index MAC, snapshot MAC (LT-hash) or patch MAC does not match. */
        BAD_MAC,
        /** Not decodable: bad protobuf, bad padding, bad index JSON, missing fields. */
        MALFORMED
    }

    private final Kind kind;
    private final byte[] keyId;

    private AppStateException(Kind kind, String message, byte[] keyId) {
        super(message);
        this.kind = kind;
        this.keyId = keyId;
    }

    static AppStateException missingKey(byte[] keyId) {
        return new AppStateException(Kind.MISSING_KEY, "no app-state key " + HexFormat.of().formatHex(keyId), keyId.clone());
    }

    static AppStateException badMac(String what) {
        return new AppStateException(Kind.BAD_MAC, what + " does not match", null);
    }

    static AppStateException malformed(String what) {
        return new AppStateException(Kind.MALFORMED, what, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The missing key's id ({@link Kind#MISSING_KEY} only), else null. */
    public byte[] keyId() {
        return keyId == null ? null : keyId.clone();
    }
}
