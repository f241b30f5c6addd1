package dev.wabridge.wire.signal;

import dev.wabridge.wire.signal.store.IdentityStore;

import java.util.Arrays;

/**
 * A decrypted payload (still carrying WhatsApp's padding, see {@link MessagePadding}) and what
 * the decrypt learned on the way: whether the sender's identity key was new or replaced one
 * we knew (the transport tells the daemon, as WhatsApp shows "security code changed"), and
 * whether the plaintext came from the event buffer because this exact ciphertext was decrypted
 * before (a redelivery; the ratchet was not touched, and an identity change was reported the
 * first time).
 */
public record Decrypted(byte[] plaintext, IdentityStore.Change identityChange, boolean redelivered) {
    public Decrypted {
        plaintext = plaintext.clone();
    }

    @Override
    public byte[] plaintext() {
        return plaintext.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Decrypted d && d.identityChange == identityChange && d.redelivered == redelivered
                && Arrays.equals(d.plaintext, plaintext);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(plaintext);
    }

    @Override
    public String toString() {
        return "Decrypted[" + plaintext.length + " bytes, identity " + identityChange + (redelivered ? ", redelivered" : "") + "]";
    }
}
