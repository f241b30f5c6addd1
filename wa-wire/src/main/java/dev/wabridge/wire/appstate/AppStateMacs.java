package dev.wabridge.wire.appstate;

import dev.wabridge.wire.crypto.HmacSha256;
import dev.wabridge.wire.proto.SyncdMutation.SyncdOperation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The four MACs of app-state sync (whatsmeow appstate/hash.go generateContentMAC,
 * generateSnapshotMAC, generatePatchMAC and encode.go's index MAC; Baileys chat-utils.ts
 * generateMac, generateSnapshotMac, generatePatchMac):
 * <ul>
 *   <li>value MAC = first 32 bytes of HMAC-SHA512(value MAC key, operation byte (SET 1,
 *       REMOVE 2) ‖ key id ‖ IV‖ciphertext ‖ length of operation byte + key id as 8 bytes
 *       big-endian);</li>
 *   <li>index MAC = HMAC-SHA256(index key, index JSON);</li>
 *   <li>snapshot MAC = HMAC-SHA256(snapshot MAC key, LT-hash ‖ version as 8 bytes big-endian ‖
 *       collection name);</li>
 *   <li>patch MAC = HMAC-SHA256(patch MAC key, snapshot MAC ‖ every mutation's value MAC ‖
 *       version as 8 bytes big-endian ‖ collection name).</li>
 * </ul>
 */
public final class AppStateMacs {
    /** Length of a value MAC: HMAC-SHA512 cut to 32 bytes (both references). */
    public static final int VALUE_MAC_LENGTH = 32;

    private AppStateMacs() {
    }

    public static byte[] valueMac(SyncdOperation operation, byte[] keyId, byte[] ivAndCiphertext, byte[] valueMacKey) {
        byte[] operationByte = {(byte) (operation.getNumber() + 1)};
        byte[] length = ByteBuffer.allocate(8).putLong(keyId.length + 1L).array();
        try {
            Mac m = Mac.getInstance("HmacSHA512");
            m.init(new SecretKeySpec(valueMacKey, "HmacSHA512"));
            m.update(operationByte);
            m.update(keyId);
            m.update(ivAndCiphertext);
            m.update(length);
            return Arrays.copyOf(m.doFinal(), VALUE_MAC_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA512 is part of every JDK", e);
        }
    }

    public static byte[] indexMac(byte[] indexKey, byte[] indexJson) {
        return HmacSha256.mac(indexKey, indexJson);
    }

    public static byte[] snapshotMac(byte[] ltHash, long version, String collection, byte[] snapshotMacKey) {
        return HmacSha256.mac(snapshotMacKey, ltHash, bigEndian(version), collection.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] patchMac(byte[] snapshotMac, List<byte[]> valueMacs, long version, String collection, byte[] patchMacKey) {
        byte[][] parts = new byte[valueMacs.size() + 3][];
        parts[0] = snapshotMac;
        for (int i = 0; i < valueMacs.size(); i++) {
            parts[i + 1] = valueMacs.get(i);
        }
        parts[parts.length - 2] = bigEndian(version);
        parts[parts.length - 1] = collection.getBytes(StandardCharsets.UTF_8);
        return HmacSha256.mac(patchMacKey, parts);
    }

    private static byte[] bigEndian(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }
}
