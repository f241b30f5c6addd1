package dev.wabridge.wire.signal.protocol;

/**
 * The byte in front of every Signal message: the message's version in the high nibble and the
 * highest version the sender supports in the low one. WhatsApp uses version 3 for both, 0x33
 * (libsignal-node src/session_cipher.js {@code VERSION = 3}, {@code _encodeTupleByte};
 * Baileys WASignalGroup/ciphertext_message.js {@code CURRENT_VERSION = 3}). Version 4 (PQXDH,
 * Kyber) is Signal's, not WhatsApp's, and is refused.
 */
public final class MessageVersion {
    public static final int CURRENT = 3;
    public static final byte CURRENT_BYTE = (byte) ((CURRENT << 4) | CURRENT);

    private MessageVersion() {
    }

    /** Checks the version byte of {@code what}; accepts only messages of version 3. */
    public static void check(byte versionByte, String what) {
        int version = (versionByte & 0xFF) >>> 4;
        if (version != CURRENT) {
            throw new InvalidMessageException(what + " has version " + version + ", only " + CURRENT + " is supported");
        }
    }
}
