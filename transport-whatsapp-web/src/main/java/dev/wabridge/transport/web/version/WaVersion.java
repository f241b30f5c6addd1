package dev.wabridge.transport.web.version;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A WhatsApp Web version as the ClientPayload announces it ({@code appVersion} and the MD5
 * {@code buildHash} of its dotted form; whatsmeow store/clientpayload.go WAVersionContainer).
 * The server refuses versions that are too old with {@code <failure reason="405">}.
 */
public record WaVersion(int primary, int secondary, int tertiary) implements Comparable<WaVersion> {
    /** whatsmeow's value of 2026-08-20 (commit 6eefbff4), the default until a newer one is fetched or set. */
    public static final WaVersion COMPILED = new WaVersion(2, 3000, 1045649367);

    public WaVersion {
        if (primary < 0 || secondary < 0 || tertiary < 0) {
            throw new IllegalArgumentException("version parts are unsigned");
        }
    }

    /** "2.3000.1045649367". */
    public static WaVersion parse(String dotted) {
        String[] p = dotted.trim().split("\\.");
        if (p.length != 3) {
            throw new IllegalArgumentException("a WhatsApp Web version looks like 2.3000.1045649367, not '" + dotted + "'");
        }
        try {
            return new WaVersion(Integer.parseUnsignedInt(p[0]), Integer.parseUnsignedInt(p[1]), Integer.parseUnsignedInt(p[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a WhatsApp Web version looks like 2.3000.1045649367, not '" + dotted + "'");
        }
    }

    /** MD5 of the dotted version (both reference clients compute the build hash so). */
    public byte[] buildHash() {
        try {
            return MessageDigest.getInstance("MD5").digest(toString().getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int compareTo(WaVersion o) {
        int c = Integer.compareUnsigned(primary, o.primary);
        if (c == 0) {
            c = Integer.compareUnsigned(secondary, o.secondary);
        }
        return c != 0 ? c : Integer.compareUnsigned(tertiary, o.tertiary);
    }

    @Override
    public String toString() {
        return Integer.toUnsignedString(primary) + "." + Integer.toUnsignedString(secondary) + "." + Integer.toUnsignedString(tertiary);
    }
}
