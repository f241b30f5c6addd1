package dev.wabridge.wire.signal.store;

import dev.wabridge.transport.KeyValueStore;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Plaintexts of decrypted stanzas by the SHA-256 of their ciphertext (whatsmeow
 * store.EventBuffer; namespace {@code event-buffer}). Written in the same transaction as the
 * ratchet step that produced them, so a stanza the server delivers again (because our ack
 * never left) is answered from here and never decrypted twice, which would fail: the ratchet
 * has moved on. Cleared once the daemon has stored the message and the stanza is acked.
 */
public final class EventBuffer {
    static final String NS = "event-buffer";

    private final KeyValueStore store;

    public EventBuffer(KeyValueStore store) {
        this.store = store;
    }

    public static byte[] hash(byte[] ciphertext) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(ciphertext);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public Optional<byte[]> get(byte[] ciphertextHash) {
        return store.get(NS, HexFormat.of().formatHex(ciphertextHash));
    }

    public void put(byte[] ciphertextHash, byte[] plaintext) {
        store.put(NS, HexFormat.of().formatHex(ciphertextHash), plaintext);
    }

    public void delete(byte[] ciphertextHash) {
        store.delete(NS, HexFormat.of().formatHex(ciphertextHash));
    }
}
