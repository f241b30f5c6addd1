package dev.wabridge.wire.binary;

/**
 * Tag bytes of WhatsApp's binary node format, dictionary version 3 (whatsmeow
 * binary/token/token.go constants; Baileys src/WABinary/constants.ts TAGS). Values 1..235
 * (below DICTIONARY_0) are single-byte token indexes.
 */
final class Tags {
    static final int LIST_EMPTY = 0;
    static final int DICTIONARY_0 = 236;
    static final int DICTIONARY_3 = 239;
    static final int INTEROP_JID = 245;
    static final int FB_JID = 246;
    static final int AD_JID = 247;
    static final int LIST_8 = 248;
    static final int LIST_16 = 249;
    static final int JID_PAIR = 250;
    static final int HEX_8 = 251;
    static final int BINARY_8 = 252;
    static final int BINARY_20 = 253;
    static final int BINARY_32 = 254;
    static final int NIBBLE_8 = 255;

    /** Packed (nibble/hex) strings hold at most this many characters (whatsmeow PackedMax). */
    static final int PACKED_MAX = 127;
    /** The first byte of a frame's plaintext: bit 2 means the rest is zlib-compressed. */
    static final int FLAG_COMPRESSED = 2;

    /** AD_JID domain bytes (whatsmeow types/jid.go): 0 user, 1 lid, 128 hosted, 129 hosted lid. */
    static final int DOMAIN_LID = 1;
    static final int DOMAIN_HOSTED = 128;
    static final int DOMAIN_HOSTED_LID = 129;

    private Tags() {
    }
}
