package dev.wabridge.wire.signal.protocol;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.wabridge.wire.signal.proto.WirePreKeySignalMessage;

import java.util.Arrays;
import java.util.OptionalInt;

/**
 * A {@code pkmsg}: version byte ‖ serialized {@code PreKeySignalMessage}, which wraps a whole
 * {@link SignalMessage} with what the receiver needs to run X3DH: our registration id, the ids
 * of the one-time and signed prekeys we used from their bundle, our base key and our identity
 * key (libsignal-node src/session_cipher.js {@code encrypt}, type 3; libsignal rust
 * protocol/src/protocol.rs {@code PreKeySignalMessage}). No MAC of its own: the inner message's
 * MAC covers the identities, and a forged base key only yields a session that fails it.
 */
public final class PreKeySignalMessage {
    private final int registrationId;
    private final OptionalInt preKeyId;
    private final int signedPreKeyId;
    private final byte[] baseKey;
    private final byte[] identityKey;
    private final SignalMessage message;
    private final byte[] serialized;

    private PreKeySignalMessage(int registrationId, OptionalInt preKeyId, int signedPreKeyId, byte[] baseKey, byte[] identityKey,
                                SignalMessage message, byte[] serialized) {
        this.registrationId = registrationId;
        this.preKeyId = preKeyId;
        this.signedPreKeyId = signedPreKeyId;
        this.baseKey = baseKey;
        this.identityKey = identityKey;
        this.message = message;
        this.serialized = serialized;
    }

    /** Keys are raw 32-byte public keys. */
    public static PreKeySignalMessage create(int registrationId, OptionalInt preKeyId, int signedPreKeyId, byte[] baseKey,
                                             byte[] identityKey, SignalMessage message) {
        WirePreKeySignalMessage.Builder b = WirePreKeySignalMessage.newBuilder()
                .setRegistrationId(registrationId)
                .setSignedPreKeyId(signedPreKeyId)
                .setBaseKey(ByteString.copyFrom(DjbKeys.serialize(baseKey)))
                .setIdentityKey(ByteString.copyFrom(DjbKeys.serialize(identityKey)))
                .setMessage(ByteString.copyFrom(message.serialize()));
        preKeyId.ifPresent(b::setPreKeyId);
        byte[] body = b.build().toByteArray();
        byte[] out = new byte[1 + body.length];
        out[0] = MessageVersion.CURRENT_BYTE;
        System.arraycopy(body, 0, out, 1, body.length);
        return new PreKeySignalMessage(registrationId, preKeyId, signedPreKeyId, baseKey.clone(), identityKey.clone(), message, out);
    }

    public static PreKeySignalMessage parse(byte[] serialized) {
        if (serialized == null || serialized.length < 2) {
            throw new InvalidMessageException("prekey message too short");
        }
        MessageVersion.check(serialized[0], "prekey message");
        WirePreKeySignalMessage p;
        try {
            p = WirePreKeySignalMessage.parseFrom(Arrays.copyOfRange(serialized, 1, serialized.length));
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidMessageException("prekey message is not a valid protobuf", e);
        }
        if (!p.hasSignedPreKeyId() || !p.hasBaseKey() || !p.hasIdentityKey() || !p.hasMessage()) {
            throw new InvalidMessageException("prekey message lacks its signed prekey id, base key, identity key or message");
        }
        byte[] baseKey;
        byte[] identityKey;
        try {
            baseKey = DjbKeys.deserialize(p.getBaseKey().toByteArray());
            identityKey = DjbKeys.deserialize(p.getIdentityKey().toByteArray());
        } catch (InvalidKeyException e) {
            throw new InvalidMessageException("prekey message key: " + e.getMessage());
        }
        return new PreKeySignalMessage(p.getRegistrationId(), p.hasPreKeyId() ? OptionalInt.of(p.getPreKeyId()) : OptionalInt.empty(),
                p.getSignedPreKeyId(), baseKey, identityKey, SignalMessage.parse(p.getMessage().toByteArray()), serialized.clone());
    }

    public int registrationId() {
        return registrationId;
    }

    public OptionalInt preKeyId() {
        return preKeyId;
    }

    public int signedPreKeyId() {
        return signedPreKeyId;
    }

    /** The sender's X3DH base key, 32 bytes: it names the session on both sides. */
    public byte[] baseKey() {
        return baseKey.clone();
    }

    /** The sender's identity key, 32 bytes. */
    public byte[] identityKey() {
        return identityKey.clone();
    }

    public SignalMessage message() {
        return message;
    }

    public byte[] serialize() {
        return serialized.clone();
    }

    @Override
    public String toString() {
        return "PreKeySignalMessage[registrationId=" + registrationId + ", preKeyId=" + preKeyId + ", signedPreKeyId="
                + signedPreKeyId + ", " + message + "]";
    }
}
