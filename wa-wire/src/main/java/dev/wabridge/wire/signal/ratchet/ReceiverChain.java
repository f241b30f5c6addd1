package dev.wabridge.wire.signal.ratchet;

import java.security.MessageDigest;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One receiving chain of a session: the peer's ratchet key it belongs to, its chain key, and
 * the seeds of message keys skipped on the way to later messages (kept so late or reordered
 * messages still decrypt; at most {@link RatchetLimits#MAX_MESSAGE_KEYS}, the oldest dropped
 * first). Mutable: it lives inside one {@link SessionState} for one operation.
 */
public final class ReceiverChain {
    private final byte[] ratchetKey;
    private ChainKey chainKey;
    /** Index → message-key seed, in insertion (= index) order. */
    private final LinkedHashMap<Integer, byte[]> skipped;

    public ReceiverChain(byte[] ratchetKey, ChainKey chainKey, Map<Integer, byte[]> skipped) {
        this.ratchetKey = ratchetKey.clone();
        this.chainKey = chainKey;
        this.skipped = new LinkedHashMap<>(skipped);
    }

    public byte[] ratchetKey() {
        return ratchetKey.clone();
    }

    boolean isFor(byte[] theirRatchetKey) {
        return MessageDigest.isEqual(ratchetKey, theirRatchetKey);
    }

    public ChainKey chainKey() {
        return chainKey;
    }

    void setChainKey(ChainKey next) {
        this.chainKey = next;
    }

    /** The skipped seeds, oldest first (a copy). */
    public Map<Integer, byte[]> skipped() {
        return new LinkedHashMap<>(skipped);
    }

    void addSkipped(int index, byte[] seed) {
        skipped.put(index, seed);
        if (skipped.size() > RatchetLimits.MAX_MESSAGE_KEYS) {
            Iterator<Integer> oldest = skipped.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** The seed of skipped message {@code index}, removed so it works once; null if there is none. */
    byte[] takeSkipped(int index) {
        return skipped.remove(index);
    }
}
