package dev.wabridge.wire.signal.groups;

import dev.wabridge.wire.crypto.HmacSha256;

/**
 * One step of a sender-key chain: iteration and key. The message-key seed is
 * HMAC-SHA256(chain key, 0x01), the next chain key HMAC-SHA256(chain key, 0x02) (Baileys
 * WASignalGroup/sender_chain_key.js; libsignal rust protocol/src/sender_keys.rs
 * {@code SenderChainKey}). Immutable; never printed.
 */
public final class SenderChainKey {
    private static final byte[] MESSAGE_KEY_SEED = {0x01};
    private static final byte[] CHAIN_KEY_SEED = {0x02};

    private final int iteration;
    private final byte[] key;

    public SenderChainKey(int iteration, byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("a sender chain key is 32 bytes");
        }
        this.iteration = iteration;
        this.key = key.clone();
    }

    public int iteration() {
        return iteration;
    }

    public byte[] key() {
        return key.clone();
    }

    public byte[] messageKeySeed() {
        return HmacSha256.mac(key, MESSAGE_KEY_SEED);
    }

    public SenderMessageKey messageKey() {
        return SenderMessageKey.derive(iteration, messageKeySeed());
    }

    public SenderChainKey next() {
        return new SenderChainKey(iteration + 1, HmacSha256.mac(key, CHAIN_KEY_SEED));
    }

    @Override
    public String toString() {
        return "SenderChainKey[iteration=" + Integer.toUnsignedString(iteration) + "]";
    }
}
