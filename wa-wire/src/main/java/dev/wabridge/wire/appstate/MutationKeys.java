package dev.wabridge.wire.appstate;

import dev.wabridge.wire.crypto.Hkdf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The five keys one app-state sync key expands to (whatsmeow appstate/keys.go
 * expandAppStateKeys; Baileys chat-utils.ts mutationKeys): HKDF-SHA256 of the shared key data,
 * no salt, info "WhatsApp Mutation Keys", 160 bytes cut into 32-byte keys in this order: index,
 * value encryption, value MAC, snapshot MAC, patch MAC.
 */
public final class MutationKeys {
    /** HKDF info of the expansion (whatsmeow keys.go, Baileys chat-utils.ts: the same string). */
    static final byte[] INFO = "WhatsApp Mutation Keys".getBytes(StandardCharsets.US_ASCII);
    /** Five keys of 32 bytes. */
    static final int LENGTH = 160;

    private final byte[] expanded;

    private MutationKeys(byte[] expanded) {
        this.expanded = expanded;
    }

    public static MutationKeys expand(byte[] keyData) {
        return new MutationKeys(Hkdf.sha256(keyData, null, INFO, LENGTH));
    }

    /** HMACs the index JSON into the index MAC the server sees. */
    public byte[] index() {
        return part(0);
    }

    /** AES-256-CBC key of the mutation's value. */
    public byte[] valueEncryption() {
        return part(1);
    }

    /** HMAC-SHA512 key of the value MAC. */
    public byte[] valueMac() {
        return part(2);
    }

    /** HMAC-SHA256 key of the snapshot MAC (the LT-hash at a version). */
    public byte[] snapshotMac() {
        return part(3);
    }

    /** HMAC-SHA256 key of the patch MAC. */
    public byte[] patchMac() {
        return part(4);
    }

    private byte[] part(int i) {
        return Arrays.copyOfRange(expanded, 32 * i, 32 * (i + 1));
    }
}
