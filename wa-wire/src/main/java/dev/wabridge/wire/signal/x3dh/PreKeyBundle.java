package dev.wabridge.wire.signal.x3dh;

import dev.wabridge.wire.crypto.XEdDSA;
import dev.wabridge.wire.signal.protocol.DjbKeys;
import dev.wabridge.wire.signal.protocol.InvalidKeyException;

import java.util.Arrays;
import java.util.OptionalInt;

/**
 * What the server hands out for one device so we can start a session without it being online
 * (whatsmeow prekeys.go {@code nodeToPreKeyBundle}; libsignal rust protocol/src/state/bundle.rs):
 * its registration id, identity key, signed prekey with the identity key's XEdDSA signature
 * over 0x05 ‖ signed prekey, and optionally one one-time prekey. Keys are raw 32-byte keys.
 */
public record PreKeyBundle(int registrationId, byte[] identityKey, int signedPreKeyId, byte[] signedPreKey,
                           byte[] signedPreKeySignature, OptionalInt preKeyId, byte[] preKey) {
    public PreKeyBundle {
        if (identityKey.length != 32 || signedPreKey.length != 32) {
            throw new InvalidKeyException("bundle keys are 32-byte Curve25519 keys");
        }
        if (signedPreKeySignature.length != 64) {
            throw new InvalidKeyException("a signed prekey signature is 64 bytes");
        }
        if (preKeyId.isPresent() != (preKey != null) || (preKey != null && preKey.length != 32)) {
            throw new InvalidKeyException("a one-time prekey needs both its id and its 32-byte key");
        }
        identityKey = identityKey.clone();
        signedPreKey = signedPreKey.clone();
        signedPreKeySignature = signedPreKeySignature.clone();
        preKey = preKey == null ? null : preKey.clone();
    }

    /** A bundle without a one-time prekey (the server ran out): X3DH then uses three DHs. */
    public static PreKeyBundle withoutPreKey(int registrationId, byte[] identityKey, int signedPreKeyId, byte[] signedPreKey,
                                             byte[] signedPreKeySignature) {
        return new PreKeyBundle(registrationId, identityKey, signedPreKeyId, signedPreKey, signedPreKeySignature,
                OptionalInt.empty(), null);
    }

    /** Throws {@link InvalidKeyException} unless the identity key signed 0x05 ‖ signed prekey (libsignal-node session_builder.js initOutgoing). */
    public void verifySignature() {
        if (!XEdDSA.verify(identityKey, DjbKeys.serialize(signedPreKey), signedPreKeySignature)) {
            throw new InvalidKeyException("the signed prekey's signature does not verify under the identity key");
        }
    }

    @Override
    public byte[] identityKey() {
        return identityKey.clone();
    }

    @Override
    public byte[] signedPreKey() {
        return signedPreKey.clone();
    }

    @Override
    public byte[] signedPreKeySignature() {
        return signedPreKeySignature.clone();
    }

    @Override
    public byte[] preKey() {
        return preKey == null ? null : preKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PreKeyBundle b && b.registrationId == registrationId && b.signedPreKeyId == signedPreKeyId
                && b.preKeyId.equals(preKeyId) && Arrays.equals(b.identityKey, identityKey)
                && Arrays.equals(b.signedPreKey, signedPreKey) && Arrays.equals(b.preKey, preKey)
                && Arrays.equals(b.signedPreKeySignature, signedPreKeySignature);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(identityKey) * 31 + signedPreKeyId;
    }

    @Override
    public String toString() {
        return "PreKeyBundle[registrationId=" + registrationId + ", signedPreKeyId=" + signedPreKeyId + ", preKeyId=" + preKeyId + "]";
    }
}
