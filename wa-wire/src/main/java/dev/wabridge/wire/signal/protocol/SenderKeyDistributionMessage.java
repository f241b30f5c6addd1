package dev.wabridge.wire.signal.protocol;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.wabridge.wire.signal.proto.WireSenderKeyDistributionMessage;

import java.util.Arrays;

/**
 * A sender key handed to one group member: version byte ‖ serialized
 * {@code SenderKeyDistributionMessage} {key id, iteration, chain key, signing public key}
 * (Baileys WASignalGroup/sender_key_distribution_message.js; libsignal rust
 * protocol/src/protocol.rs). It travels inside a pairwise {@code pkmsg}/{@code msg} as
 * {@code Message.senderKeyDistributionMessage.axolotlSenderKeyDistributionMessage}, so the
 * pairwise session authenticates it. Holds a secret (the chain key): never printed.
 */
public final class SenderKeyDistributionMessage {
    private final int keyId;
    private final int iteration;
    private final byte[] chainKey;
    private final byte[] signingKey;
    private final byte[] serialized;

    private SenderKeyDistributionMessage(int keyId, int iteration, byte[] chainKey, byte[] signingKey, byte[] serialized) {
        this.keyId = keyId;
        this.iteration = iteration;
        this.chainKey = chainKey;
        this.signingKey = signingKey;
        this.serialized = serialized;
    }

    /** {@code signingKey} is the raw 32-byte public key. */
    public static SenderKeyDistributionMessage create(int keyId, int iteration, byte[] chainKey, byte[] signingKey) {
        if (chainKey.length != 32) {
            throw new IllegalArgumentException("a sender chain key is 32 bytes");
        }
        byte[] body = WireSenderKeyDistributionMessage.newBuilder()
                .setId(keyId)
                .setIteration(iteration)
                .setChainKey(ByteString.copyFrom(chainKey))
                .setSigningKey(ByteString.copyFrom(DjbKeys.serialize(signingKey)))
                .build().toByteArray();
        byte[] out = new byte[1 + body.length];
        out[0] = MessageVersion.CURRENT_BYTE;
        System.arraycopy(body, 0, out, 1, body.length);
        return new SenderKeyDistributionMessage(keyId, iteration, chainKey.clone(), signingKey.clone(), out);
    }

    public static SenderKeyDistributionMessage parse(byte[] serialized) {
        if (serialized == null || serialized.length < 2) {
            throw new InvalidMessageException("sender key distribution message too short");
        }
        MessageVersion.check(serialized[0], "sender key distribution message");
        WireSenderKeyDistributionMessage p;
        try {
            p = WireSenderKeyDistributionMessage.parseFrom(Arrays.copyOfRange(serialized, 1, serialized.length));
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidMessageException("sender key distribution message is not a valid protobuf", e);
        }
        if (!p.hasId() || !p.hasIteration() || !p.hasChainKey() || !p.hasSigningKey() || p.getChainKey().size() != 32) {
            throw new InvalidMessageException("sender key distribution message lacks its id, iteration, chain key or signing key");
        }
        byte[] signingKey;
        try {
            signingKey = DjbKeys.deserialize(p.getSigningKey().toByteArray());
        } catch (InvalidKeyException e) {
            throw new InvalidMessageException("sender key distribution message signing key: " + e.getMessage());
        }
        return new SenderKeyDistributionMessage(p.getId(), p.getIteration(), p.getChainKey().toByteArray(), signingKey,
                serialized.clone());
    }

    public int keyId() {
        return keyId;
    }

    public int iteration() {
        return iteration;
    }

    public byte[] chainKey() {
        return chainKey.clone();
    }

    /** The sender's signing public key, 32 bytes. */
    public byte[] signingKey() {
        return signingKey.clone();
    }

    public byte[] serialize() {
        return serialized.clone();
    }

    @Override
    public String toString() {
        return "SenderKeyDistributionMessage[keyId=" + Integer.toUnsignedString(keyId) + ", iteration="
                + Integer.toUnsignedString(iteration) + "]";
    }
}
