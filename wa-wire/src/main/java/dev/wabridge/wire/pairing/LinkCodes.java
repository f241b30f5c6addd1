package dev.wabridge.wire.pairing;

import dev.wabridge.wire.crypto.AesGcm;
import dev.wabridge.wire.crypto.CryptoException;
import dev.wabridge.wire.crypto.Hkdf;

import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The cryptography of linking by phone number (whatsmeow pair-code.go), shared by the client
 * and the sandbox's phone: an 8-character code in WhatsApp's base32 alphabet; each side's
 * ephemeral public key wrapped under the code as {@code salt(32) ‖ iv(16) ‖ AES-CTR(key, iv,
 * pub)} with {@code key = PBKDF2-HMAC-SHA256(code, salt, 131072, 32)}; the key bundle the
 * companion sends, {@code salt(32) ‖ nonce(12) ‖ AES-GCM(HKDF(ephemeral DH, salt,
 * "link_code_pairing_key_bundle_encryption_key"), companion identity ‖ primary identity ‖
 * random(32))}; and the ADV secret both derive, {@code HKDF(ephemeral DH ‖ identity DH ‖
 * random, no salt, "adv_secret")}.
 */
public final class LinkCodes {
    /** whatsmeow linkingBase32: Crockford-like, without 0, I, O and U. */
    private static final char[] ALPHABET = "123456789ABCDEFGHJKLMNPQRSTVWXYZ".toCharArray();
    private static final int ITERATIONS = 2 << 16;
    private static final byte[] BUNDLE_INFO = "link_code_pairing_key_bundle_encryption_key".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ADV_INFO = "adv_secret".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private LinkCodes() {
    }

    /** A fresh code: 5 random bytes as 8 base32 characters. */
    public static String newCode() {
        byte[] b = random(5);
        long bits = 0;
        for (byte x : b) {
            bits = bits << 8 | (x & 0xFF);
        }
        char[] out = new char[8];
        for (int i = 7; i >= 0; i--) {
            out[i] = ALPHABET[(int) (bits & 31)];
            bits >>>= 5;
        }
        return new String(out);
    }

    /** The code as shown to a person: {@code ABCD-EFGH}. */
    public static String display(String code) {
        return code.substring(0, 4) + "-" + code.substring(4);
    }

    /** What a person typed, back to the 8 characters (dash and spaces dropped, upper case). */
    public static String normalize(String typed) {
        return typed.replaceAll("[\\s-]", "").toUpperCase();
    }

    /** {@code salt ‖ iv ‖ AES-CTR(PBKDF2(code, salt), iv, publicKey)}: 80 bytes. */
    public static byte[] wrap(String code, byte[] publicKey) {
        byte[] salt = random(32);
        byte[] iv = random(16);
        byte[] out = new byte[80];
        System.arraycopy(salt, 0, out, 0, 32);
        System.arraycopy(iv, 0, out, 32, 16);
        System.arraycopy(ctr(codeKey(code, salt), iv, publicKey), 0, out, 48, 32);
        return out;
    }

    /** The public key inside {@link #wrap}'s output (garbage, not an error, under a wrong code). */
    public static byte[] unwrap(String code, byte[] wrapped) {
        if (wrapped.length < 80) {
            throw new CryptoException("a wrapped link-code key has 80 bytes, not " + wrapped.length);
        }
        return ctr(codeKey(code, Arrays.copyOfRange(wrapped, 0, 32)), Arrays.copyOfRange(wrapped, 32, 48), Arrays.copyOfRange(wrapped, 48, 80));
    }

    /** {@code salt ‖ nonce ‖ AES-GCM(key, nonce, companionIdentity ‖ primaryIdentity ‖ advRandom)}. */
    public static byte[] wrapKeyBundle(byte[] ephemeralShared, byte[] companionIdentity, byte[] primaryIdentity, byte[] advRandom) {
        byte[] salt = random(32);
        byte[] nonce = random(12);
        byte[] plain = concat(companionIdentity, primaryIdentity, advRandom);
        return concat(salt, nonce, AesGcm.encrypt(Hkdf.sha256(ephemeralShared, salt, BUNDLE_INFO, 32), nonce, plain, null));
    }

    /** The 96 plaintext bytes of {@link #wrapKeyBundle}; throws when the key is wrong. */
    public static byte[] unwrapKeyBundle(byte[] ephemeralShared, byte[] wrapped) {
        if (wrapped.length < 44 + 16) {
            throw new CryptoException("the wrapped key bundle is too short");
        }
        byte[] salt = Arrays.copyOfRange(wrapped, 0, 32);
        byte[] nonce = Arrays.copyOfRange(wrapped, 32, 44);
        return AesGcm.decrypt(Hkdf.sha256(ephemeralShared, salt, BUNDLE_INFO, 32), nonce, Arrays.copyOfRange(wrapped, 44, wrapped.length), null);
    }

    /** The ADV secret both sides derive. */
    public static byte[] advSecret(byte[] ephemeralShared, byte[] identityShared, byte[] advRandom) {
        return Hkdf.sha256(concat(ephemeralShared, identityShared, advRandom), new byte[0], ADV_INFO, 32);
    }

    public static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static byte[] codeKey(String code, byte[] salt) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(code.toCharArray(), salt, ITERATIONS, 256)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new CryptoException("PBKDF2 failed", e);
        }
    }

    private static byte[] ctr(byte[] key, byte[] iv, byte[] data) {
        try {
            Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return c.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("AES-CTR failed", e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
