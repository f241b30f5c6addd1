package dev.wabridge.wire.signal.ratchet;

import java.util.OptionalInt;

/**
 * What an initiator repeats in every message until the peer answers: the prekey ids it used
 * from the bundle and its base key, so each early message is a {@code pkmsg} the peer can start
 * the session from, whichever arrives first (libsignal-node session_builder.js
 * {@code pendingPreKey}; libsignal rust {@code unacknowledged_pre_key_message}). Cleared by the
 * first message decrypted from the peer.
 */
public record PendingPreKey(OptionalInt preKeyId, int signedPreKeyId, byte[] baseKey) {
    public PendingPreKey {
        if (baseKey.length != 32) {
            throw new IllegalArgumentException("a base key is 32 bytes");
        }
        baseKey = baseKey.clone();
    }

    @Override
    public byte[] baseKey() {
        return baseKey.clone();
    }
}
