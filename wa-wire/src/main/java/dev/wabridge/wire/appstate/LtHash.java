package dev.wabridge.wire.appstate;

import dev.wabridge.wire.crypto.Hkdf;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * WhatsApp's LT-hash of an app-state collection (whatsmeow appstate/lthash/lthash.go
 * WAPatchIntegrity; Baileys lt-hash.ts): a 128-byte sum that can be updated per mutation.
 * Each value MAC is expanded with HKDF-SHA256 (no salt, info "WhatsApp Patch Integrity", 128
 * bytes) and added to (a value set) or subtracted from (a value overwritten or removed) the
 * hash as 64 little-endian 16-bit words, wrapping around. The order of the operations does
 * not matter, so a device that replays the same mutations reaches the same hash.
 */
public final class LtHash {
    /** Size of the hash in bytes (both references: 128). */
    public static final int SIZE = 128;
    /** HKDF info of each item's expansion (whatsmeow lthash.go, Baileys lt-hash.ts). */
    static final byte[] INFO = "WhatsApp Patch Integrity".getBytes(StandardCharsets.US_ASCII);

    private LtHash() {
    }

    /** A new hash: {@code base} minus every item of {@code subtract}, plus every item of {@code add}. */
    public static byte[] subtractThenAdd(byte[] base, Collection<byte[]> subtract, Collection<byte[]> add) {
        if (base.length != SIZE) {
            throw new IllegalArgumentException("an LT-hash has " + SIZE + " bytes, not " + base.length);
        }
        byte[] out = base.clone();
        subtract.forEach(item -> pointwise(out, Hkdf.sha256(item, null, INFO, SIZE), -1));
        add.forEach(item -> pointwise(out, Hkdf.sha256(item, null, INFO, SIZE), 1));
        return out;
    }

    private static void pointwise(byte[] hash, byte[] item, int sign) {
        for (int i = 0; i < SIZE; i += 2) {
            int x = (hash[i] & 0xFF) | (hash[i + 1] & 0xFF) << 8;
            int y = (item[i] & 0xFF) | (item[i + 1] & 0xFF) << 8;
            int r = (x + sign * y) & 0xFFFF;
            hash[i] = (byte) r;
            hash[i + 1] = (byte) (r >>> 8);
        }
    }
}
