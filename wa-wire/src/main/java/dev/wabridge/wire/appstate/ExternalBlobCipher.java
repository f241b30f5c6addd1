package dev.wabridge.wire.appstate;

import dev.wabridge.wire.crypto.AesCbc;
import dev.wabridge.wire.crypto.CryptoException;
import dev.wabridge.wire.crypto.Hkdf;
import dev.wabridge.wire.crypto.HmacSha256;
import dev.wabridge.wire.proto.ExternalBlobReference;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The encryption of an app-state blob on WhatsApp's media servers: a snapshot, or a patch's
 * mutations, that an {@link ExternalBlobReference} points at (whatsmeow download.go
 * getMediaKeys, downloadEncryptedMedia, validateMedia and downloadAndDecrypt with MediaAppState;
 * Baileys messages-media.ts getMediaKeys and encryptedStream with 'md-app-state'):
 * <ul>
 *   <li>the reference's 32-byte media key is expanded with HKDF-SHA256 (no salt, info
 *       "WhatsApp App State Keys") to 112 bytes: IV 16, AES key 32, MAC key 32 (the last 32,
 *       whatsmeow's refKey, are not used for downloads);</li>
 *   <li>file = AES-256-CBC(AES key, IV, plaintext) ‖ the first 10 bytes of HMAC-SHA256(MAC key,
 *       IV ‖ ciphertext);</li>
 *   <li>{@code fileEncSha256} = SHA-256 of the whole file, {@code fileSha256} = SHA-256 of the
 *       plaintext.</li>
 * </ul>
 * Opening checks them in whatsmeow's order (file hash, MAC, decryption, plaintext hash); any
 * mismatch is an {@link AppStateException.Kind#BAD_MAC} that names what did not match.
 */
public final class ExternalBlobCipher {
    /** HKDF info of app-state media (whatsmeow MediaAppState, Baileys hkdfInfoKey('md-app-state')). */
    static final byte[] INFO = "WhatsApp App State Keys".getBytes(StandardCharsets.US_ASCII);
    /** Length of the media key expansion (both references: 112). */
    static final int EXPANDED = 112;
    /** Length of the truncated HMAC at the end of the file (whatsmeow mediaHMACLength, Baileys slice(0, 10)). */
    public static final int MAC_LENGTH = 10;
    /** The media key's length (Baileys draws 32 random bytes). */
    public static final int MEDIA_KEY_LENGTH = 32;

    /** A sealed blob: the file to serve, and the two hashes its reference carries. */
    public record Sealed(byte[] file, byte[] fileSha256, byte[] fileEncSha256) {
        public Sealed {
            file = file.clone();
            fileSha256 = fileSha256.clone();
            fileEncSha256 = fileEncSha256.clone();
        }

        @Override
        public byte[] file() {
            return file.clone();
        }

        @Override
        public byte[] fileSha256() {
            return fileSha256.clone();
        }

        @Override
        public byte[] fileEncSha256() {
            return fileEncSha256.clone();
        }
    }

    private ExternalBlobCipher() {
    }

    /** Encrypts {@code plain} under {@code mediaKey} as WhatsApp's media servers keep it (the sandbox serves these). */
    public static Sealed seal(byte[] mediaKey, byte[] plain) {
        Keys k = Keys.expand(mediaKey);
        byte[] ciphertext = AesCbc.encrypt(k.cipher, k.iv, plain);
        byte[] mac = Arrays.copyOf(HmacSha256.mac(k.mac, k.iv, ciphertext), MAC_LENGTH);
        byte[] file = Arrays.copyOf(ciphertext, ciphertext.length + MAC_LENGTH);
        System.arraycopy(mac, 0, file, ciphertext.length, MAC_LENGTH);
        return new Sealed(file, sha256(plain), sha256(file));
    }

    /** The plaintext of {@code file} downloaded for {@code ref}, after every check. */
    public static byte[] open(ExternalBlobReference ref, byte[] file, String what) throws AppStateException {
        if (ref.getMediaKey().size() != MEDIA_KEY_LENGTH) {
            throw AppStateException.malformed("the reference to " + what + " has a media key of " + ref.getMediaKey().size()
                    + " bytes, not " + MEDIA_KEY_LENGTH);
        }
        if (file.length <= MAC_LENGTH) {
            throw AppStateException.malformed("the downloaded " + what + " has only " + file.length + " bytes");
        }
        if (!HmacSha256.equalsConstantTime(sha256(file), ref.getFileEncSha256().toByteArray())) {
            throw AppStateException.badMac("the SHA-256 of the downloaded " + what + " (fileEncSha256)");
        }
        Keys k = Keys.expand(ref.getMediaKey().toByteArray());
        byte[] ciphertext = Arrays.copyOf(file, file.length - MAC_LENGTH);
        byte[] mac = Arrays.copyOfRange(file, file.length - MAC_LENGTH, file.length);
        if (!HmacSha256.equalsConstantTime(Arrays.copyOf(HmacSha256.mac(k.mac, k.iv, ciphertext), MAC_LENGTH), mac)) {
            throw AppStateException.badMac("the media MAC of the downloaded " + what);
        }
        byte[] plain;
        try {
            plain = AesCbc.decrypt(k.cipher, k.iv, ciphertext);
        } catch (CryptoException e) {
            throw AppStateException.malformed("the downloaded " + what + " does not decrypt: " + e.getMessage());
        }
        if (!HmacSha256.equalsConstantTime(sha256(plain), ref.getFileSha256().toByteArray())) {
            throw AppStateException.badMac("the SHA-256 of the decrypted " + what + " (fileSha256)");
        }
        return plain;
    }

    private record Keys(byte[] iv, byte[] cipher, byte[] mac) {
        static Keys expand(byte[] mediaKey) {
            byte[] x = Hkdf.sha256(mediaKey, null, INFO, EXPANDED);
            return new Keys(Arrays.copyOf(x, 16), Arrays.copyOfRange(x, 16, 48), Arrays.copyOfRange(x, 48, 80));
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
