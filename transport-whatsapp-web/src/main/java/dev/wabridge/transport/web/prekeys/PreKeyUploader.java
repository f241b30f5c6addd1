package dev.wabridge.transport.web.prekeys;

import dev.wabridge.transport.web.device.Credentials;
import dev.wabridge.transport.web.services.SessionServices;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.signal.store.PreKeyStore;
import dev.wabridge.wire.signal.store.SignalStores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Keeps enough one-time prekeys on the server for contacts to start Signal sessions with us
 * (whatsmeow prekeys.go and connectionevents.go): after each login, ask the server how many
 * it holds ({@code <count/>}) and upload when it or our uploaded set is below
 * {@link #MIN_COUNT}, 812 the first time, 50 after; and again when the server says the count
 * is low (the {@code encrypt} notification). Keys are marked uploaded only once the server
 * answered the upload, so a lost answer re-sends the same keys rather than skipping ids.
 * Runs on the session's actor thread.
 */
public final class PreKeyUploader {
    private static final Logger log = LoggerFactory.getLogger(PreKeyUploader.class);
    /** whatsmeow InitialPreKeyCount / Baileys INITIAL_PREKEY_COUNT. */
    public static final int INITIAL_COUNT = 812;
    /** whatsmeow WantedPreKeyCount: a top-up. */
    public static final int TOP_UP_COUNT = 50;
    /** whatsmeow MinPreKeyCount / Baileys MIN_PREKEY_COUNT: below this, upload. */
    public static final int MIN_COUNT = 5;
    /** libsignal's key type byte for Curve25519 (DJB) keys. */
    private static final byte KEY_TYPE_DJB = 5;

    private final SessionServices session;
    /** An upload under way: a second trigger (login and notification together) waits for it. */
    private CompletableFuture<Void> uploading;

    public PreKeyUploader(SessionServices session) {
        this.session = session;
    }

    /** After {@code <success>}: check the server's count and top up. */
    public CompletableFuture<Void> afterLogin() {
        return session.request("get", "encrypt", List.of(Node.of("count")))
                .thenCompose(answer -> topUp(serverCount(answer)))
                .exceptionally(e -> {
                    log.warn("session {}: prekey check failed: {}", session.sessionId(), e.getMessage());
                    return null;
                });
    }

    /** {@code <notification type="encrypt"><count value="N"/></notification>}: the server runs low. */
    public void onCountNotification(Node notification) {
        notification.child("count").map(c -> c.attr("value")).ifPresent(v -> {
            try {
                topUp(Integer.parseInt(v));
            } catch (NumberFormatException e) {
                log.debug("session {}: encrypt notification with count '{}'", session.sessionId(), v);
            }
        });
    }

    private CompletableFuture<Void> topUp(int serverCount) {
        if (uploading != null && !uploading.isDone()) {
            return uploading;
        }
        PreKeyStore preKeys = new SignalStores(session.keys()).preKeys();
        int uploaded = preKeys.uploadedCount();
        if (serverCount >= MIN_COUNT && uploaded >= MIN_COUNT) {
            return CompletableFuture.completedFuture(null);
        }
        int wanted = serverCount == 0 && uploaded == 0 ? INITIAL_COUNT : TOP_UP_COUNT;
        List<PreKeyStore.PreKey> keys = preKeys.getOrGenerate(wanted);
        int lastId = keys.stream().mapToInt(PreKeyStore.PreKey::id).max().orElse(0);
        uploading = session.request("set", "encrypt", uploadNode(session.credentials(), keys))
                .thenAccept(ok -> {
                    preKeys.markUploaded(lastId);
                    log.info("session {}: uploaded {} prekeys (server had {})", session.sessionId(), keys.size(), serverCount);
                });
        return uploading;
    }

    /** whatsmeow prekeys.go uploadPreKeys / preKeyToNode: registration, type, identity, list, skey. */
    static List<Node> uploadNode(Credentials c, List<PreKeyStore.PreKey> keys) {
        List<Node> list = new ArrayList<>(keys.size());
        for (PreKeyStore.PreKey k : keys) {
            list.add(Node.of("key", Map.of(), List.of(
                    Node.of("id", Map.of(), id3(k.id())),
                    Node.of("value", Map.of(), k.keyPair().publicKey()))));
        }
        return List.of(
                Node.of("registration", Map.of(), ByteBuffer.allocate(4).putInt(c.registrationId()).array()),
                Node.of("type", Map.of(), new byte[]{KEY_TYPE_DJB}),
                Node.of("identity", Map.of(), c.identityKey().publicKey()),
                Node.of("list", Map.of(), list),
                skey(c.signedPreKeyId(), c.signedPreKey().publicKey(), c.signedPreKeySignature()));
    }

    /** A signed prekey as uploads, rotations and retry receipts carry it: 3-byte id, 32-byte key, 64-byte signature. */
    public static Node skey(int id, byte[] publicKey, byte[] signature) {
        return Node.of("skey", Map.of(), List.of(
                Node.of("id", Map.of(), id3(id)),
                Node.of("value", Map.of(), publicKey),
                Node.of("signature", Map.of(), signature)));
    }

    /** Prekey ids travel as 3 big-endian bytes. */
    public static byte[] id3(int id) {
        return Arrays.copyOfRange(ByteBuffer.allocate(4).putInt(id).array(), 1, 4);
    }

    private static int serverCount(Node answer) {
        String v = answer.child("count").map(c -> c.attr("value")).orElse("0");
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
