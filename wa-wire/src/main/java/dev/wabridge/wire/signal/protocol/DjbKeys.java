package dev.wabridge.wire.signal.protocol;

/**
 * Curve25519 public keys as Signal serializes them: the type byte 0x05 ("DJB") and the 32-byte
 * key (libsignal rust protocol/src/curve.rs {@code KeyType::Djb}; libsignal-node src/curve.js
 * {@code createKeyPair} prepends 5). Identity keys, ratchet keys, base keys and sender signing
 * keys all travel in this form; the MAC input uses it too.
 */
public final class DjbKeys {
    public static final byte TYPE = 0x05;
    public static final int SERIALIZED_LENGTH = 33;

    private DjbKeys() {
    }

    public static byte[] serialize(byte[] publicKey) {
        if (publicKey.length != 32) {
            throw new InvalidKeyException("a Curve25519 public key is 32 bytes, got " + publicKey.length);
        }
        byte[] out = new byte[SERIALIZED_LENGTH];
        out[0] = TYPE;
        System.arraycopy(publicKey, 0, out, 1, 32);
        return out;
    }

    /** The 32-byte key of a serialized one; refuses any other length or type byte. */
    public static byte[] deserialize(byte[] serialized) {
        if (serialized == null || serialized.length != SERIALIZED_LENGTH || serialized[0] != TYPE) {
            throw new InvalidKeyException("not a serialized Curve25519 public key (33 bytes starting 0x05)");
        }
        byte[] out = new byte[32];
        System.arraycopy(serialized, 1, out, 0, 32);
        return out;
    }
}
