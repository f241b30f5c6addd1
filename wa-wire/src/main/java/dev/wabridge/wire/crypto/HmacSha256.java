package dev.wabridge.wire.crypto;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * HMAC-SHA256 (RFC 2104), the JDK's. Signal's chain keys step with it and its messages carry a
 * truncated one; comparisons go through {@link #equalsConstantTime} so a MAC check does not
 * leak how many leading bytes matched.
 */
public final class HmacSha256 {
    private HmacSha256() {
    }

    public static byte[] mac(byte[] key, byte[]... parts) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] p : parts) {
                m.update(p);
            }
            return m.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** True when both arrays are equal, in time that depends only on their lengths. */
    public static boolean equalsConstantTime(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
