package dev.wabridge.wire.signal.ratchet;

import dev.wabridge.wire.crypto.HmacSha256;

/**
 * One step of a symmetric chain: the key and the index of the message key it yields next. The
 * message-key seed is HMAC-SHA256(chain key, 0x01), the next chain key HMAC-SHA256(chain key,
 * 0x02) (libsignal rust protocol/src/ratchet/keys.rs {@code ChainKey}; libsignal-node
 * src/session_cipher.js {@code fillMessageKeys}). Immutable; never printed.
 */
public final class ChainKey {
    private static final byte[] MESSAGE_KEY_SEED = {0x01};
    private static final byte[] CHAIN_KEY_SEED = {0x02};

    private final byte[] key;
    private final int index;

    public ChainKey(byte[] key, int index) {
        if (key.length != 32) {
            throw new IllegalArgumentException("a chain key is 32 bytes");
        }
        this.key = key.clone();
        this.index = index;
    }

    public byte[] key() {
        return key.clone();
    }

    /** The index of the message key {@link #messageKeySeed} gives (the counter of the next message). */
    public int index() {
        return index;
    }

    public ChainKey next() {
        return new ChainKey(HmacSha256.mac(key, CHAIN_KEY_SEED), index + 1);
    }

    /** The 32-byte seed the message keys of message {@link #index} are derived from. */
    public byte[] messageKeySeed() {
        return HmacSha256.mac(key, MESSAGE_KEY_SEED);
    }

    public MessageKeys messageKeys() {
        return MessageKeys.derive(messageKeySeed(), index);
    }

    @Override
    public String toString() {
        return "ChainKey[index=" + index + "]";
    }
}
