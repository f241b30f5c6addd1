package dev.wabridge.wire.signal.groups;

import com.google.protobuf.ByteString;
import dev.wabridge.wire.crypto.KeyPair;
import dev.wabridge.wire.signal.proto.StoredSenderKeyState;
import dev.wabridge.wire.signal.protocol.DuplicateMessageException;
import dev.wabridge.wire.signal.protocol.MessageTooFarAheadException;
import dev.wabridge.wire.signal.ratchet.RatchetLimits;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One sender key of one sender in one group: its id, chain key, the signing public key (and,
 * for our own, the private one), and the seeds of skipped iterations (at most
 * {@link RatchetLimits#MAX_MESSAGE_KEYS}, oldest dropped) (libsignal rust
 * protocol/src/sender_keys.rs {@code SenderKeyState}; Baileys
 * WASignalGroup/sender_key_state.js). Mutable for one operation, like a session state.
 */
public final class SenderKeyState {
    private final int keyId;
    private SenderChainKey chainKey;
    private final byte[] signingPublic;
    private final byte[] signingPrivate;
    private final LinkedHashMap<Integer, byte[]> skipped;

    private SenderKeyState(int keyId, SenderChainKey chainKey, byte[] signingPublic, byte[] signingPrivate,
                           Map<Integer, byte[]> skipped) {
        this.keyId = keyId;
        this.chainKey = chainKey;
        this.signingPublic = signingPublic.clone();
        this.signingPrivate = signingPrivate == null ? null : signingPrivate.clone();
        this.skipped = new LinkedHashMap<>(skipped);
    }

    /** Our own sender key: we can sign. */
    public static SenderKeyState own(int keyId, SenderChainKey chainKey, KeyPair signingKey) {
        return new SenderKeyState(keyId, chainKey, signingKey.publicKey(), signingKey.privateKey(), Map.of());
    }

    /** A member's sender key from their distribution message: we can only verify. */
    public static SenderKeyState received(int keyId, SenderChainKey chainKey, byte[] signingPublic) {
        return new SenderKeyState(keyId, chainKey, signingPublic, null, Map.of());
    }

    public int keyId() {
        return keyId;
    }

    public SenderChainKey chainKey() {
        return chainKey;
    }

    public byte[] signingPublic() {
        return signingPublic.clone();
    }

    public boolean canSign() {
        return signingPrivate != null;
    }

    public byte[] signingPrivate() {
        if (signingPrivate == null) {
            throw new IllegalStateException("not our sender key: no signing private key");
        }
        return signingPrivate.clone();
    }

    /** The key for our next message; the chain moves one step. */
    public SenderMessageKey nextSendingKey() {
        SenderMessageKey key = chainKey.messageKey();
        chainKey = chainKey.next();
        return key;
    }

    /**
     * The key of a received message at {@code iteration}: a kept skipped one, or the chain moved
     * to it, keeping the seeds it passes. Throws {@link DuplicateMessageException} for an
     * iteration already used and {@link MessageTooFarAheadException} beyond
     * {@link RatchetLimits#MAX_FORWARD_JUMPS} (Baileys group_cipher.js {@code getSenderKey}).
     */
    public SenderMessageKey receivingKey(int iteration) {
        long wanted = Integer.toUnsignedLong(iteration);
        long next = Integer.toUnsignedLong(chainKey.iteration());
        if (wanted < next) {
            byte[] seed = skipped.remove(iteration);
            if (seed == null) {
                throw new DuplicateMessageException("sender key iteration " + wanted + " was received already (chain is at " + next + ")");
            }
            return SenderMessageKey.derive(iteration, seed);
        }
        if (wanted - next > RatchetLimits.MAX_FORWARD_JUMPS) {
            throw new MessageTooFarAheadException("sender key iteration " + wanted + " is " + (wanted - next)
                    + " ahead of its chain (at most " + RatchetLimits.MAX_FORWARD_JUMPS + ")");
        }
        SenderChainKey ck = chainKey;
        while (ck.iteration() != iteration) {
            skipped.put(ck.iteration(), ck.messageKeySeed());
            if (skipped.size() > RatchetLimits.MAX_MESSAGE_KEYS) {
                Iterator<Integer> oldest = skipped.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
            ck = ck.next();
        }
        chainKey = ck.next();
        return ck.messageKey();
    }

    public StoredSenderKeyState toStored() {
        StoredSenderKeyState.Builder b = StoredSenderKeyState.newBuilder()
                .setKeyId(keyId)
                .setIteration(chainKey.iteration())
                .setChainKey(ByteString.copyFrom(chainKey.key()))
                .setSigningPublic(ByteString.copyFrom(signingPublic));
        if (signingPrivate != null) {
            b.setSigningPrivate(ByteString.copyFrom(signingPrivate));
        }
        skipped.forEach((iteration, seed) -> b.addSkipped(
                StoredSenderKeyState.SkippedKey.newBuilder().setIteration(iteration).setSeed(ByteString.copyFrom(seed))));
        return b.build();
    }

    public static SenderKeyState fromStored(StoredSenderKeyState s) {
        Map<Integer, byte[]> skipped = new LinkedHashMap<>();
        for (StoredSenderKeyState.SkippedKey k : s.getSkippedList()) {
            skipped.put(k.getIteration(), k.getSeed().toByteArray());
        }
        return new SenderKeyState(s.getKeyId(), new SenderChainKey(s.getIteration(), s.getChainKey().toByteArray()),
                s.getSigningPublic().toByteArray(), s.hasSigningPrivate() ? s.getSigningPrivate().toByteArray() : null, skipped);
    }

    @Override
    public String toString() {
        return "SenderKeyState[keyId=" + Integer.toUnsignedString(keyId) + ", " + chainKey + ", skipped=" + skipped.size() + "]";
    }
}
