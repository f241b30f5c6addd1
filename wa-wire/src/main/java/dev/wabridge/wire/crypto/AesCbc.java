package dev.wabridge.wire.crypto;

import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;

/**
 * AES-256-CBC with PKCS#7 padding (the JDK's "PKCS5Padding", which is PKCS#7 for 16-byte
 * blocks). Signal's {@code msg}/{@code pkmsg} and {@code skmsg} bodies use it, not GCM
 * (libsignal-node src/crypto.js {@code encrypt}: aes-256-cbc; libsignal rust
 * protocol/src/crypto.rs {@code aes_256_cbc_encrypt}); WhatsApp's app-state values do too.
 * The MAC or signature around the ciphertext is checked before this runs.
 */
public final class AesCbc {
    private AesCbc() {
    }

    public static byte[] encrypt(byte[] key, byte[] iv, byte[] plaintext) {
        try {
            return cipher(Cipher.ENCRYPT_MODE, key, iv).doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("AES-CBC encryption failed", e);
        }
    }

    /** Throws {@link CryptoException} on a ciphertext that is not whole blocks or has bad padding. */
    public static byte[] decrypt(byte[] key, byte[] iv, byte[] ciphertext) {
        try {
            return cipher(Cipher.DECRYPT_MODE, key, iv).doFinal(ciphertext);
        } catch (BadPaddingException | IllegalBlockSizeException e) {
            throw new CryptoException("AES-CBC ciphertext is not valid");
        } catch (GeneralSecurityException e) {
            throw new CryptoException("AES-CBC decryption failed", e);
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] iv) throws GeneralSecurityException {
        if (key.length != 32 || iv.length != 16) {
            throw new CryptoException("AES-256-CBC needs a 32-byte key and a 16-byte IV");
        }
        Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
        c.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        return c;
    }
}
