package dev.wabridge.wire.signal.protocol;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.wabridge.wire.crypto.HmacSha256;
import dev.wabridge.wire.signal.proto.WireSignalMessage;

import java.util.Arrays;

/**
 * A {@code msg}: version byte ‖ serialized {@code SignalMessage} ‖ 8-byte MAC. The MAC is the
 * first 8 bytes of HMAC-SHA256(message MAC key, sender identity (33 B) ‖ receiver identity
 * (33 B) ‖ version byte ‖ serialized message) (libsignal-node src/session_cipher.js
 * {@code encrypt}/{@code doDecryptWhisperMessage}; libsignal rust protocol/src/protocol.rs
 * {@code SignalMessage::compute_mac}). The MAC binds both identities, so a message cannot be
 * replayed into another pair's session.
 */
public final class SignalMessage {
    public static final int MAC_LENGTH = 8;

    private final byte[] ratchetKey;
    private final int counter;
    private final int previousCounter;
    private final byte[] ciphertext;
    private final byte[] serialized;

    private SignalMessage(byte[] ratchetKey, int counter, int previousCounter, byte[] ciphertext, byte[] serialized) {
        this.ratchetKey = ratchetKey;
        this.counter = counter;
        this.previousCounter = previousCounter;
        this.ciphertext = ciphertext;
        this.serialized = serialized;
    }

    /** Builds and MACs a message; identities are raw 32-byte keys. */
    public static SignalMessage create(byte[] macKey, byte[] ratchetKey, int counter, int previousCounter, byte[] ciphertext,
                                       byte[] senderIdentity, byte[] receiverIdentity) {
        byte[] body = WireSignalMessage.newBuilder()
                .setRatchetKey(ByteString.copyFrom(DjbKeys.serialize(ratchetKey)))
                .setCounter(counter)
                .setPreviousCounter(previousCounter)
                .setCiphertext(ByteString.copyFrom(ciphertext))
                .build().toByteArray();
        byte[] out = new byte[1 + body.length + MAC_LENGTH];
        out[0] = MessageVersion.CURRENT_BYTE;
        System.arraycopy(body, 0, out, 1, body.length);
        byte[] mac = mac(macKey, senderIdentity, receiverIdentity, out, body.length + 1);
        System.arraycopy(mac, 0, out, 1 + body.length, MAC_LENGTH);
        return new SignalMessage(ratchetKey.clone(), counter, previousCounter, ciphertext.clone(), out);
    }

    public static SignalMessage parse(byte[] serialized) {
        if (serialized == null || serialized.length < 1 + MAC_LENGTH) {
            throw new InvalidMessageException("Signal message too short");
        }
        MessageVersion.check(serialized[0], "Signal message");
        WireSignalMessage p;
        try {
            p = WireSignalMessage.parseFrom(Arrays.copyOfRange(serialized, 1, serialized.length - MAC_LENGTH));
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidMessageException("Signal message is not a valid protobuf", e);
        }
        if (!p.hasRatchetKey() || !p.hasCounter() || !p.hasCiphertext()) {
            throw new InvalidMessageException("Signal message lacks its ratchet key, counter or ciphertext");
        }
        byte[] ratchetKey;
        try {
            ratchetKey = DjbKeys.deserialize(p.getRatchetKey().toByteArray());
        } catch (InvalidKeyException e) {
            throw new InvalidMessageException("Signal message ratchet key: " + e.getMessage());
        }
        return new SignalMessage(ratchetKey, p.getCounter(), p.getPreviousCounter(), p.getCiphertext().toByteArray(),
                serialized.clone());
    }

    /** Throws {@link InvalidMessageException} unless the MAC matches, compared in constant time. */
    public void verifyMac(byte[] macKey, byte[] senderIdentity, byte[] receiverIdentity) {
        byte[] expected = Arrays.copyOf(mac(macKey, senderIdentity, receiverIdentity, serialized, serialized.length - MAC_LENGTH),
                MAC_LENGTH);
        byte[] actual = Arrays.copyOfRange(serialized, serialized.length - MAC_LENGTH, serialized.length);
        if (!HmacSha256.equalsConstantTime(expected, actual)) {
            throw new InvalidMessageException("Signal message MAC does not match");
        }
    }

    private static byte[] mac(byte[] macKey, byte[] senderIdentity, byte[] receiverIdentity, byte[] versioned, int length) {
        return HmacSha256.mac(macKey, DjbKeys.serialize(senderIdentity), DjbKeys.serialize(receiverIdentity),
                Arrays.copyOf(versioned, length));
    }

    /** The sender's ratchet public key, 32 bytes. */
    public byte[] ratchetKey() {
        return ratchetKey.clone();
    }

    public int counter() {
        return counter;
    }

    public int previousCounter() {
        return previousCounter;
    }

    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    public byte[] serialize() {
        return serialized.clone();
    }

    @Override
    public String toString() {
        return "SignalMessage[counter=" + counter + ", previousCounter=" + previousCounter + ", " + serialized.length + " bytes]";
    }
}
