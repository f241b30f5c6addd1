package dev.wabridge.wire.signal.protocol;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.wabridge.wire.crypto.XEdDSA;
import dev.wabridge.wire.signal.proto.WireSenderKeyMessage;

import java.util.Arrays;

/**
 * An {@code skmsg}: version byte ‖ serialized {@code SenderKeyMessage} ‖ 64-byte XEdDSA
 * signature by the sender's signing key over version byte ‖ serialized message (Baileys
 * WASignalGroup/sender_key_message.js; libsignal rust protocol/src/protocol.rs
 * {@code SenderKeyMessage}). Groups have no MAC: every member holds the chain key, so only the
 * signature tells the sender apart. Signing uses the project's constant-time XEdDSA.
 */
public final class SenderKeyMessage {
    public static final int SIGNATURE_LENGTH = 64;

    private final int keyId;
    private final int iteration;
    private final byte[] ciphertext;
    private final byte[] serialized;

    private SenderKeyMessage(int keyId, int iteration, byte[] ciphertext, byte[] serialized) {
        this.keyId = keyId;
        this.iteration = iteration;
        this.ciphertext = ciphertext;
        this.serialized = serialized;
    }

    public static SenderKeyMessage create(int keyId, int iteration, byte[] ciphertext, byte[] signingPrivateKey) {
        byte[] body = WireSenderKeyMessage.newBuilder()
                .setId(keyId)
                .setIteration(iteration)
                .setCiphertext(ByteString.copyFrom(ciphertext))
                .build().toByteArray();
        byte[] signed = new byte[1 + body.length];
        signed[0] = MessageVersion.CURRENT_BYTE;
        System.arraycopy(body, 0, signed, 1, body.length);
        byte[] signature = XEdDSA.sign(signingPrivateKey, signed);
        byte[] out = Arrays.copyOf(signed, signed.length + SIGNATURE_LENGTH);
        System.arraycopy(signature, 0, out, signed.length, SIGNATURE_LENGTH);
        return new SenderKeyMessage(keyId, iteration, ciphertext.clone(), out);
    }

    public static SenderKeyMessage parse(byte[] serialized) {
        if (serialized == null || serialized.length < 1 + SIGNATURE_LENGTH) {
            throw new InvalidMessageException("sender key message too short");
        }
        MessageVersion.check(serialized[0], "sender key message");
        WireSenderKeyMessage p;
        try {
            p = WireSenderKeyMessage.parseFrom(Arrays.copyOfRange(serialized, 1, serialized.length - SIGNATURE_LENGTH));
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidMessageException("sender key message is not a valid protobuf", e);
        }
        if (!p.hasId() || !p.hasIteration() || !p.hasCiphertext()) {
            throw new InvalidMessageException("sender key message lacks its key id, iteration or ciphertext");
        }
        return new SenderKeyMessage(p.getId(), p.getIteration(), p.getCiphertext().toByteArray(), serialized.clone());
    }

    /** Throws {@link InvalidMessageException} unless the sender's signing key (32 bytes) signed this message. */
    public void verifySignature(byte[] signingPublicKey) {
        int signedLength = serialized.length - SIGNATURE_LENGTH;
        if (!XEdDSA.verify(signingPublicKey, Arrays.copyOf(serialized, signedLength),
                Arrays.copyOfRange(serialized, signedLength, serialized.length))) {
            throw new InvalidMessageException("sender key message signature does not verify");
        }
    }

    public int keyId() {
        return keyId;
    }

    public int iteration() {
        return iteration;
    }

    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    public byte[] serialize() {
        return serialized.clone();
    }

    @Override
    public String toString() {
        return "SenderKeyMessage[keyId=" + Integer.toUnsignedString(keyId) + ", iteration=" + Integer.toUnsignedString(iteration) + "]";
    }
}
