package dev.wabridge.wire.signal.x3dh;

import dev.wabridge.wire.crypto.Curve25519;
import dev.wabridge.wire.crypto.Hkdf;
import dev.wabridge.wire.crypto.KeyPair;
import dev.wabridge.wire.signal.ratchet.ChainKey;
import dev.wabridge.wire.signal.ratchet.RootKey;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The X3DH key agreement as Signal v3 (and so WhatsApp) runs it (libsignal rust
 * protocol/src/ratchet.rs {@code initialize_alice_session}/{@code initialize_bob_session};
 * libsignal-node src/session_builder.js {@code initSession}):
 *
 * <pre>
 * master = 0xFF × 32 ‖ DH(IK_A, SPK_B) ‖ DH(EK_A, IK_B) ‖ DH(EK_A, SPK_B) [‖ DH(EK_A, OPK_B)]
 * HKDF-SHA256(ikm = master, salt = 32 zero bytes, info = "WhisperText") → root key (32) ‖ chain key (32)
 * </pre>
 *
 * where A is the initiator ("Alice", who fetched the bundle), B the responder, IK identity
 * keys, EK_A Alice's base key, SPK/OPK Bob's signed and one-time prekeys. The 32 0xFF bytes are
 * the XEdDSA "discontinuity bytes". Both sides compute the same four DHs in the same order.
 */
public final class X3dh {
    private static final byte[] INFO = "WhisperText".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZERO_SALT = new byte[32];

    /** The first root key and chain key of a session. */
    public record Secrets(RootKey rootKey, ChainKey chainKey) {
    }

    private X3dh() {
    }

    /** Alice's side; {@code theirOneTimePreKey} may be null. Public keys are raw 32 bytes. */
    public static Secrets initiator(KeyPair ourIdentity, KeyPair ourBaseKey, byte[] theirIdentity, byte[] theirSignedPreKey,
                                    byte[] theirOneTimePreKey) {
        ByteArrayOutputStream master = start();
        master.writeBytes(Curve25519.sharedSecret(ourIdentity.privateKey(), theirSignedPreKey));
        master.writeBytes(Curve25519.sharedSecret(ourBaseKey.privateKey(), theirIdentity));
        master.writeBytes(Curve25519.sharedSecret(ourBaseKey.privateKey(), theirSignedPreKey));
        if (theirOneTimePreKey != null) {
            master.writeBytes(Curve25519.sharedSecret(ourBaseKey.privateKey(), theirOneTimePreKey));
        }
        return secretsOf(master.toByteArray());
    }

    /** Bob's side; {@code ourOneTimePreKey} is null when the pkmsg names none. */
    public static Secrets responder(KeyPair ourIdentity, KeyPair ourSignedPreKey, KeyPair ourOneTimePreKey,
                                    byte[] theirIdentity, byte[] theirBaseKey) {
        ByteArrayOutputStream master = start();
        master.writeBytes(Curve25519.sharedSecret(ourSignedPreKey.privateKey(), theirIdentity));
        master.writeBytes(Curve25519.sharedSecret(ourIdentity.privateKey(), theirBaseKey));
        master.writeBytes(Curve25519.sharedSecret(ourSignedPreKey.privateKey(), theirBaseKey));
        if (ourOneTimePreKey != null) {
            master.writeBytes(Curve25519.sharedSecret(ourOneTimePreKey.privateKey(), theirBaseKey));
        }
        return secretsOf(master.toByteArray());
    }

    private static ByteArrayOutputStream start() {
        ByteArrayOutputStream master = new ByteArrayOutputStream(160);
        byte[] discontinuity = new byte[32];
        Arrays.fill(discontinuity, (byte) 0xFF);
        master.writeBytes(discontinuity);
        return master;
    }

    /** HKDF-SHA256(master, 32 zero bytes, "WhisperText") → root key ‖ chain key. Clears {@code masterSecret}. */
    public static Secrets secretsOf(byte[] masterSecret) {
        byte[] okm = Hkdf.sha256(masterSecret, ZERO_SALT, INFO, 64);
        Arrays.fill(masterSecret, (byte) 0);
        return new Secrets(new RootKey(Arrays.copyOfRange(okm, 0, 32)), new ChainKey(Arrays.copyOfRange(okm, 32, 64), 0));
    }
}
