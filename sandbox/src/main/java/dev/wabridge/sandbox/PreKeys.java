package dev.wabridge.sandbox;

import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.crypto.XEdDSA;
import dev.wabridge.wire.signal.protocol.DjbKeys;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The server's prekey store for one device (WhatsApp's xmlns="encrypt" IQs, shapes as
 * whatsmeow prekeys.go and Baileys Utils/signal.ts send them): registration id, identity key,
 * one-time prekeys by 3-byte id, and the signed prekey (replaced by an upload or a rotation).
 * Contacts fetch bundles from it, each using up one one-time key.
 */
final class PreKeys {
    /** Below this many one-time keys the server tells the device to upload more (whatsmeow MinPreKeyCount). */
    static final int LOW_WATERMARK = 5;
    private volatile byte[] registrationId;
    private volatile byte[] identity;
    private volatile Node signedPreKey;
    // Uploaded from the connection's event loop, read by API threads.
    private final ConcurrentMap<String, byte[]> oneTime = new ConcurrentHashMap<>();

    int count() {
        return oneTime.size();
    }

    /** Stores an upload: {@code <registration/><type/><identity/><list><key><id/><value/></key>…</list><skey>…</skey>}. */
    synchronized void upload(Node iq) {
        iq.child("registration").map(Node::bytes).ifPresent(b -> registrationId = b);
        iq.child("identity").map(Node::bytes).ifPresent(b -> identity = b);
        iq.child("skey").ifPresent(s -> signedPreKey = s);
        iq.child("list").ifPresent(list -> list.children("key").forEach(key -> {
            Optional<byte[]> id = key.child("id").map(Node::bytes);
            Optional<byte[]> value = key.child("value").map(Node::bytes);
            if (id.isPresent() && value.isPresent() && value.get().length == 32) {
                oneTime.put(HexFormat.of().formatHex(id.get()), value.get());
            }
        }));
    }

    /**
     * A rotation ({@code <rotate><skey>}, Baileys rotateSignedPreKey): replaces the signed prekey
     * later bundles carry if {@code skey} is a 3-byte id, a 32-byte key and a 64-byte signature
     * by {@code identityKey} (the device's, from its pairing) over 0x05 ‖ key; false otherwise,
     * and the old one stays.
     */
    synchronized boolean rotate(Node skey, byte[] identityKey) {
        byte[] id = skey.child("id").map(Node::bytes).orElse(null);
        byte[] value = skey.child("value").map(Node::bytes).orElse(null);
        byte[] signature = skey.child("signature").map(Node::bytes).orElse(null);
        if (id == null || id.length != 3 || value == null || value.length != 32 || signature == null || signature.length != 64
                || identityKey == null || !XEdDSA.verify(identityKey, DjbKeys.serialize(value), signature)) {
            return false;
        }
        signedPreKey = skey;
        return true;
    }

    /** The id of the signed prekey bundles carry now; 0 when none was uploaded. */
    int signedPreKeyId() {
        Node skey = signedPreKey;
        byte[] id = skey == null ? null : skey.child("id").map(Node::bytes).orElse(null);
        return id == null || id.length != 3 ? 0 : (id[0] & 0xFF) << 16 | (id[1] & 0xFF) << 8 | id[2] & 0xFF;
    }

    Map<String, byte[]> oneTimeKeys() {
        return Map.copyOf(oneTime);
    }

    /**
     * The bundle a contact fetches to start a Signal session with this device: registration
     * id, identity, the signed prekey and one one-time prekey, which is used up (whatsmeow
     * nodeToPreKeyBundle reads the same shape). Empty when the device never uploaded keys.
     */
    synchronized Optional<List<Node>> takeBundle() {
        if (!hasIdentity()) {
            return Optional.empty();
        }
        List<Node> parts = new ArrayList<>();
        parts.add(Node.of("registration", Map.of(), registrationId));
        parts.add(Node.of("type", Map.of(), new byte[]{5}));
        parts.add(Node.of("identity", Map.of(), identity));
        oneTime.keySet().stream().sorted().findFirst().ifPresent(id -> {
            byte[] value = oneTime.remove(id);
            parts.add(Node.of("key", Map.of(), List.of(Node.of("id", Map.of(), HexFormat.of().parseHex(id)),
                    Node.of("value", Map.of(), value))));
        });
        parts.add(signedPreKey);
        return Optional.of(parts);
    }

    boolean hasIdentity() {
        return identity != null && registrationId != null && signedPreKey != null;
    }
}
