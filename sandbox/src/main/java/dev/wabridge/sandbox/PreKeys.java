package dev.wabridge.sandbox;

import dev.wabridge.wire.binary.Node;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The server's prekey store for one device (WhatsApp's xmlns="encrypt" IQs, shapes as
 * whatsmeow prekeys.go and Baileys Utils/signal.ts send them): registration id, identity key,
 * one-time prekeys by 3-byte id, and the signed prekey. Others fetch bundles from it once
 * message routing lands; for now it answers count and upload.
 */
final class PreKeys {
    private volatile byte[] registrationId;
    private volatile byte[] identity;
    private volatile Node signedPreKey;
    // Uploaded from the connection's event loop, read by API threads.
    private final ConcurrentMap<String, byte[]> oneTime = new ConcurrentHashMap<>();

    int count() {
        return oneTime.size();
    }

    /** Stores an upload: {@code <registration/><type/><identity/><list><key><id/><value/></key>…</list><skey>…</skey>}. */
    void upload(Node iq) {
        iq.child("registration").map(Node::bytes).ifPresent(b -> registrationId = b);
        iq.child("identity").map(Node::bytes).ifPresent(b -> identity = b);
        iq.child("skey").ifPresent(s -> signedPreKey = s);
        iq.child("list").ifPresent(list -> list.children("key").forEach(key -> {
            Optional<byte[]> id = key.child("id").map(Node::bytes);
            Optional<byte[]> value = key.child("value").map(Node::bytes);
            if (id.isPresent() && value.isPresent() && value.get().length == 32) {
                oneTime.put(java.util.HexFormat.of().formatHex(id.get()), value.get());
            }
        }));
    }

    Map<String, byte[]> oneTimeKeys() {
        return Map.copyOf(oneTime);
    }

    boolean hasIdentity() {
        return identity != null && registrationId != null && signedPreKey != null;
    }
}
