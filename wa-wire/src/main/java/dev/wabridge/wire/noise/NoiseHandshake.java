package dev.wabridge.wire.noise;

import dev.wabridge.wire.crypto.AesGcm;
import dev.wabridge.wire.crypto.Curve25519;
import dev.wabridge.wire.crypto.Hkdf;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The symmetric state of a Noise handshake (Noise spec rev. 34, section 5.2) for
 * Noise_*_25519_AESGCM_SHA256: h, ck, k, n with MixHash, MixKey, EncryptAndHash,
 * DecryptAndHash and Split. Message patterns (which operation when) are the caller's: the
 * WhatsApp client and the sandbox server drive XX step by step, as WhatsApp does.
 *
 * <p>Nonce: AES-GCM IV = 4 zero bytes + 64-bit big-endian counter (Noise spec 12.3), which
 * is the same 12 bytes WhatsApp builds (8 zero bytes + 32-bit counter) for counters < 2^32.
 */
public final class NoiseHandshake {
    public static final String WHATSAPP_PATTERN = "Noise_XX_25519_AESGCM_SHA256";

    private byte[] h;
    private byte[] ck;
    private byte[] k;
    private long n;

    /** InitializeSymmetric(protocolName) then MixHash(prologue). */
    public NoiseHandshake(String protocolName, byte[] prologue) {
        byte[] name = protocolName.getBytes(StandardCharsets.US_ASCII);
        // A name of at most 32 bytes is zero-padded, a longer one hashed (Noise spec 5.2).
        h = name.length <= 32 ? Arrays.copyOf(name, 32) : sha256(name);
        ck = h.clone();
        k = null;
        mixHash(prologue);
    }

    public void mixHash(byte[] data) {
        h = sha256(h, data);
    }

    public void mixKey(byte[] inputKeyMaterial) {
        byte[] out = Hkdf.sha256(inputKeyMaterial, ck, new byte[0], 64);
        ck = Arrays.copyOfRange(out, 0, 32);
        k = Arrays.copyOfRange(out, 32, 64);
        n = 0;
    }

    /** MixKey(DH(priv, pub)). */
    public void mixSharedSecret(byte[] privateKey, byte[] publicKey) {
        mixKey(Curve25519.sharedSecret(privateKey, publicKey));
    }

    public byte[] encryptAndHash(byte[] plaintext) {
        byte[] out = k == null ? plaintext.clone() : AesGcm.encrypt(k, iv(n++), plaintext, h);
        mixHash(out);
        return out;
    }

    public byte[] decryptAndHash(byte[] ciphertext) {
        byte[] out = k == null ? ciphertext.clone() : AesGcm.decrypt(k, iv(n++), ciphertext, h);
        mixHash(ciphertext);
        return out;
    }

    /** The transport keys: first for the initiator's sending direction, second for the responder's. */
    public NoiseCipher[] split() {
        byte[] out = Hkdf.sha256(new byte[0], ck, new byte[0], 64);
        return new NoiseCipher[]{new NoiseCipher(Arrays.copyOfRange(out, 0, 32)), new NoiseCipher(Arrays.copyOfRange(out, 32, 64))};
    }

    public byte[] handshakeHash() {
        return h.clone();
    }

    static byte[] iv(long counter) {
        byte[] iv = new byte[12];
        for (int i = 0; i < 8; i++) {
            iv[11 - i] = (byte) (counter >>> (8 * i));
        }
        return iv;
    }

    private static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                md.update(p);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
