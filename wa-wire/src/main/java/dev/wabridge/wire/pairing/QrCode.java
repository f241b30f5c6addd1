package dev.wabridge.wire.pairing;

import java.util.Base64;

/**
 * The QR string a phone scans to link a device (whatsmeow pair.go makeQRData; Baileys
 * buildPairingQRData): ref, base64 noise public key, base64 identity public key, base64 ADV
 * secret and the companion platform id, comma-separated, after WhatsApp's link prefix.
 */
public record QrCode(String ref, byte[] noisePublicKey, byte[] identityPublicKey, byte[] advSecret, String platform) {
    public static final String PREFIX = "https://wa.me/settings/linked_devices#";
    /** Companion platform "9": other web client (whatsmeow PairClientType). */
    public static final String PLATFORM_OTHER_WEB = "9";

    public String encode() {
        Base64.Encoder b64 = Base64.getEncoder();
        return PREFIX + String.join(",", ref, b64.encodeToString(noisePublicKey), b64.encodeToString(identityPublicKey),
                b64.encodeToString(advSecret), platform);
    }

    /** Parses a scanned QR string (with or without the link prefix; the platform field is optional). */
    public static QrCode parse(String text) {
        String body = text.startsWith(PREFIX) ? text.substring(PREFIX.length()) : text;
        String[] parts = body.split(",");
        if (parts.length < 4 || parts.length > 5) {
            throw new IllegalArgumentException("not a WhatsApp linking QR code");
        }
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            QrCode qr = new QrCode(parts[0], b64.decode(parts[1]), b64.decode(parts[2]), b64.decode(parts[3]),
                    parts.length == 5 ? parts[4] : null);
            if (qr.noisePublicKey.length != 32 || qr.identityPublicKey.length != 32 || qr.advSecret.length != 32) {
                throw new IllegalArgumentException("QR code keys have the wrong length");
            }
            return qr;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a WhatsApp linking QR code: " + e.getMessage());
        }
    }
}
