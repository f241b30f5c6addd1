package dev.wabridge.sandbox;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.crypto.Curve25519;
import dev.wabridge.wire.crypto.KeyPair;
import dev.wabridge.wire.crypto.XEdDSA;
import dev.wabridge.wire.proto.LIDMigrationMapping;
import dev.wabridge.wire.proto.LIDMigrationMappingSyncPayload;
import dev.wabridge.wire.proto.Message;
import dev.wabridge.wire.signal.Ciphertext;
import dev.wabridge.wire.signal.CiphertextType;
import dev.wabridge.wire.signal.Decrypted;
import dev.wabridge.wire.signal.LocalIdentity;
import dev.wabridge.wire.signal.MessagePadding;
import dev.wabridge.wire.signal.SessionBuilder;
import dev.wabridge.wire.signal.SessionCipher;
import dev.wabridge.wire.signal.protocol.DjbKeys;
import dev.wabridge.wire.signal.protocol.SignalProtocolException;
import dev.wabridge.wire.signal.store.PreKeyStore;
import dev.wabridge.wire.signal.store.SignalAddress;
import dev.wabridge.wire.signal.store.SignalStores;
import dev.wabridge.wire.signal.store.SignedPreKeyStore;
import dev.wabridge.wire.signal.x3dh.BundleNodes;
import dev.wabridge.wire.signal.x3dh.PreKeyBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An account's phone (device 0) as a real Signal device: its own identity (the account key),
 * registration id, signed prekey and one-time prekeys uploaded to the sandbox's prekey store,
 * and the same Signal code our client runs. It decrypts what it receives, answers with
 * delivery receipts (and read receipts and a reply when it is a demo contact), sends texts
 * when the test API asks (its own linked devices get the {@code deviceSentMessage} copy), and
 * asks for a resend with a retry receipt when it cannot decrypt. All of it runs on the
 * sandbox's one phone thread.
 */
final class SimulatedPhone implements Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedPhone.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int PREKEYS = 50;

    /** A message this phone received (decrypted), or sent, with its latest status. */
    record Entry(String id, String peer, String text, Instant at, String direction, String status) {
        Entry withStatus(String s) {
            return new Entry(id, peer, text, at, direction, s);
        }
    }

    private final SandboxServer server;
    private final Account account;
    private final ScheduledExecutorService thread;
    private final SignalStores stores = new SignalStores(new PhoneKeys());
    private final LocalIdentity local;
    private final Jid jid;
    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    /** Ids of history-sync notices a companion acknowledged with a {@code hist_sync} receipt. */
    private final Set<String> historySyncReceipts = ConcurrentHashMap.newKeySet();
    /** The account's app-state key (shared with every linked device) and what the patches say. */
    private final PhoneAppState appState;
    /** Demo contacts read what they get and answer it. */
    private volatile boolean autoReply;

    SimulatedPhone(SandboxServer server, Account account, ScheduledExecutorService thread) {
        this.server = server;
        this.account = account;
        this.thread = thread;
        this.local = new LocalIdentity(account.identity(), 1 + RANDOM.nextInt(16380));
        this.jid = Jid.phone(account.digits());
        this.appState = new PhoneAppState(server.appState(), jid, account.identity(), server.clock());
    }

    String jid() {
        return jid.toString();
    }

    void autoReply(boolean on) {
        autoReply = on;
    }

    /** Creates its keys, uploads a bundle and comes online. */
    void start() {
        thread.execute(() -> {
            KeyPair spk = Curve25519.generate();
            byte[] signature = XEdDSA.sign(account.identity().privateKey(), DjbKeys.serialize(spk.publicKey()));
            stores.signedPreKeys().storeCurrent(new SignedPreKeyStore.SignedPreKey(1, spk, signature, server.clock().instant()));
            uploadPreKeys();
            server.router().online(jid(), this);
        });
    }

    /** Waits until what was asked of this phone before (its start, its keys) is done. */
    void settle() {
        try {
            thread.submit(() -> { }).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the sandbox phone did not settle", e);
        }
    }

    void setOnline(boolean online) {
        thread.execute(() -> {
            if (online) {
                server.router().online(jid(), this);
            } else {
                server.router().offline(jid(), this);
            }
        });
    }

    /** Ids of the history-sync notices a companion acknowledged. */
    Set<String> historySyncReceipts() {
        return Set.copyOf(historySyncReceipts);
    }

    List<Entry> messages() {
        return List.copyOf(entries);
    }

    /** Each chat with an archive state on this phone (from the app-state patches): chat JID → archived. */
    Map<String, Boolean> chats() {
        return appState.chats();
    }

    /** The owner archives (or unarchives) the chat with {@code chatPhone} on the phone. */
    CompletableFuture<Void> archive(String chatPhone, boolean archived) {
        return CompletableFuture.runAsync(() -> appState.archive(Jid.phone(chatPhone.replaceFirst("^\\+", "")), archived), thread);
    }

    @Override
    public void push(Node stanza) {
        thread.execute(() -> {
            try {
                switch (stanza.tag()) {
                    case "message" -> onMessage(stanza);
                    case "receipt" -> onReceipt(stanza);
                    case "notification" -> {
                        switch (String.valueOf(stanza.attr("type"))) {
                            case "server_sync" -> appState.onServerSync(stanza);
                            case "encrypt" -> uploadPreKeys();
                            default -> { } // privacy_token: phones attach no tokens (the sandbox does not ask them to)
                        }
                        ack(stanza);
                    }
                    default -> { } // the offline-done marker and the like
                }
            } catch (RuntimeException e) {
                LOG.warn("sandbox phone {}: cannot handle {}: {}", account.phone(), stanza.tag(), e.toString());
            }
        });
    }

    /**
     * Hands a newly linked device the account's app-state key, in a peer message as a real
     * phone does after linking (whatsmeow handles it in message.go handleAppStateSyncKeyShare;
     * Baileys waits for it before it flushes its first events).
     */
    void shareAppStateKeys(Jid device) {
        thread.execute(() -> {
            Message share = Message.newBuilder().setProtocolMessage(Message.ProtocolMessage.newBuilder()
                    .setType(Message.ProtocolMessage.Type.APP_STATE_SYNC_KEY_SHARE)
                    .setAppStateSyncKeyShare(Message.AppStateSyncKeyShare.newBuilder().addKeys(Message.AppStateSyncKey.newBuilder()
                            .setKeyId(Message.AppStateSyncKeyId.newBuilder().setKeyId(ByteString.copyFrom(appState.keyId())))
                            .setKeyData(Message.AppStateSyncKeyData.newBuilder().setKeyData(ByteString.copyFrom(appState.keyData()))
                                    .setFingerprint(Message.AppStateSyncKeyFingerprint.newBuilder().setRawId(1).setCurrentIndex(0)
                                            .addDeviceIndexes(0).addDeviceIndexes(device.device()))
                                    .setTimestamp(server.clock().millis()))))).build();
            // Then the history the phone has for the new device: the sandbox keeps none, so one
            // notification with no blob (the status chunk, which clients do not download unasked)
            // ends the bootstrap; clients such as Baileys sync app state and go live on it.
            Message history = Message.newBuilder().setProtocolMessage(Message.ProtocolMessage.newBuilder()
                    .setType(Message.ProtocolMessage.Type.HISTORY_SYNC_NOTIFICATION)
                    .setHistorySyncNotification(Message.HistorySyncNotification.newBuilder()
                            .setSyncType(Message.HistorySyncNotification.HistorySyncType.INITIAL_STATUS_V3)
                            .setChunkOrder(0).setProgress(100))).build();
            peerMessage(device, share);
            peerMessage(device, history);
            lidMappings().ifPresent(mappings -> peerMessage(device, mappings));
        });
    }

    /**
     * The phone-number → LID pairs of the people this phone has chatted with, as a phone hands
     * them to a new companion (whatsmeow message.go storeLIDSyncMessage reads them); empty when
     * it has chatted with nobody.
     */
    private Optional<Message> lidMappings() {
        LIDMigrationMappingSyncPayload.Builder payload = LIDMigrationMappingSyncPayload.newBuilder();
        entries.stream().map(Entry::peer).distinct().map(p -> server.directory().accountOf(Jid.phone(p.substring(1))))
                .filter(Objects::nonNull).filter(a -> !a.equals(account))
                .forEach(a -> payload.addPnToLidMappings(LIDMigrationMapping.newBuilder()
                        .setPn(Long.parseUnsignedLong(a.digits())).setAssignedLid(Long.parseUnsignedLong(a.lidUser()))));
        if (payload.getPnToLidMappingsCount() == 0) {
            return Optional.empty();
        }
        return Optional.of(Message.newBuilder().setProtocolMessage(Message.ProtocolMessage.newBuilder()
                .setType(Message.ProtocolMessage.Type.LID_MIGRATION_MAPPING_SYNC)
                .setLidMigrationMappingSyncMessage(Message.LIDMigrationMappingSyncMessage.newBuilder()
                        .setEncodedMappingPayload(payload.build().toByteString()))).build());
    }

    /** A message to one of the account's own devices ({@code category="peer"}), on the phone thread. */
    private void peerMessage(Jid device, Message content) {
        SignalAddress address = SignalAddress.of(device);
        SessionCipher cipher = new SessionCipher(stores, local);
        if (!cipher.hasSession(address) && !startSession(device)) {
            return;
        }
        Ciphertext c = cipher.encrypt(address, MessagePadding.pad(content.toByteArray()));
        server.fanOut().route(jid, Node.of("message", Node.attrs("id", HexFormat.of().withUpperCase().formatHex(randomBytes(16)),
                "to", device, "type", "text", "category", "peer"),
                List.of(Node.of("enc", Node.attrs("v", "2", "type", c.type().wireName()), c.body()))));
    }

    /** Sends a text as the phone's owner; completes with the message id once routed. */
    CompletableFuture<String> send(String toPhone, String text) {
        return send(toPhone, text, false);
    }

    /**
     * Sends a text; {@code asLid}: from the account's LID, with the phone number in
     * {@code sender_pn}, as WhatsApp addresses many accounts now (the recipient must keep one
     * conversation whichever identity is used).
     */
    CompletableFuture<String> send(String toPhone, String text, boolean asLid) {
        CompletableFuture<String> done = new CompletableFuture<>();
        thread.execute(() -> {
            try {
                done.complete(sendNow(Jid.phone(toPhone.replaceFirst("^\\+", "")), text, asLid));
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /**
     * Sends a photo as the phone's owner: an {@code imageMessage} with its caption and no media
     * behind it (nothing downloads it: the daemon logs what a photo says of itself).
     */
    CompletableFuture<String> sendImage(String toPhone, String caption) {
        Message image = Message.newBuilder().setImageMessage(Message.ImageMessage.newBuilder().setMimetype("image/jpeg")
                .setCaption(caption)).build();
        return CompletableFuture.supplyAsync(() -> sendNow(Jid.phone(toPhone.replaceFirst("^\\+", "")), image, "[image] " + caption, false),
                thread);
    }

    /** The owner's phone issues the account's privacy token to {@code toPhone} (as its client does after writing to it). */
    CompletableFuture<Void> issuePrivacyToken(String toPhone) {
        return CompletableFuture.runAsync(() -> server.trustedContacts().issue(account,
                server.account(toPhone), server.clock().instant()), thread);
    }

    /** Starts Signal sessions with every device of {@code toPhone} that has none, from bundles fetched now; sends nothing. */
    CompletableFuture<Void> startSessions(String toPhone) {
        return CompletableFuture.runAsync(() -> {
            for (String device : server.directory().deviceJidsOf(Jid.phone(toPhone.replaceFirst("^\\+", "")))) {
                Jid d = Jid.parse(device);
                if (!new SessionCipher(stores, local).hasSession(SignalAddress.of(d))) {
                    startSession(d);
                }
            }
        }, thread);
    }

    private String sendNow(Jid to, String text) {
        return sendNow(to, text, false);
    }

    private String sendNow(Jid to, String text, boolean asLid) {
        return sendNow(to, Message.newBuilder().setConversation(text).build(), text, asLid);
    }

    /** Sends {@code content}; {@code logged} is how the phone's own list shows it. */
    private String sendNow(Jid to, Message content, String logged, boolean asLid) {
        if (server.directory().accountOf(to) == null) {
            throw new IllegalArgumentException(to.user() + " is not on the sandbox's WhatsApp");
        }
        String id = HexFormat.of().withUpperCase().formatHex(randomBytes(16));
        byte[] forRecipient = MessagePadding.pad(content.toByteArray());
        byte[] forOwn = MessagePadding.pad(Message.newBuilder().setDeviceSentMessage(Message.DeviceSentMessage.newBuilder()
                .setDestinationJid(to.toString()).setMessage(content)).build().toByteArray());
        List<Node> participants = new ArrayList<>();
        for (String device : targets(to)) {
            Jid d = Jid.parse(device);
            SignalAddress address = SignalAddress.of(d);
            SessionCipher cipher = new SessionCipher(stores, local);
            if (!cipher.hasSession(address) && !startSession(d)) {
                continue;
            }
            Ciphertext c = cipher.encrypt(address, d.user().equals(account.digits()) ? forOwn : forRecipient);
            participants.add(Node.of("to", Node.attrs("jid", d), List.of(Node.of("enc", Node.attrs("v", "2", "type", c.type().wireName()), c.body()))));
        }
        Node message = Node.of("message", Node.attrs("id", id, "to", to, "type", "text"), List.of(Node.of("participants", Map.of(), participants)));
        if (asLid) {
            server.fanOut().route(Jid.user(account.lidUser(), Jid.LID_SERVER), message, Map.of("sender_pn", jid, "addressing_mode", "lid"));
        } else {
            server.fanOut().route(jid, message);
        }
        entries.add(new Entry(id, "+" + to.user(), logged, server.clock().instant(), "outgoing", "sent"));
        server.trustedContacts().phoneSent(account, server.directory().accountOf(to)); // as whatsmeow's sendDM does after a send
        return id;
    }

    /** The recipient's devices and our own linked companions. */
    private List<String> targets(Jid to) {
        List<String> devices = new ArrayList<>(server.directory().deviceJidsOf(to));
        server.directory().deviceJidsOf(jid).stream().filter(d -> !d.equals(jid())).forEach(devices::add);
        return devices;
    }

    private boolean startSession(Jid device) {
        PreKeys keys = server.preKeys.get(device.toString());
        List<Node> bundle = keys == null ? null : keys.takeBundle().orElse(null);
        if (bundle == null) {
            return false;
        }
        try {
            new SessionBuilder(stores, local).process(SignalAddress.of(device), BundleNodes.parse(Node.of("user", Map.of(), bundle)));
            return true;
        } catch (SignalProtocolException | IllegalArgumentException e) {
            LOG.warn("sandbox phone {}: bundle of {} refused: {}", account.phone(), device, e.getMessage());
            return false;
        }
    }

    private void onMessage(Node m) {
        Jid from = m.jid("from").orElseThrow();
        Message content = null;
        for (Node enc : m.children("enc")) {
            try {
                Decrypted d = new SessionCipher(stores, local).decrypt(SignalAddress.of(from), CiphertextType.fromWire(enc.attr("type")), enc.bytes());
                content = Message.parseFrom("3".equals(enc.attr("v")) ? d.plaintext() : MessagePadding.unpad(d.plaintext()));
            } catch (SignalProtocolException | IllegalArgumentException | InvalidProtocolBufferException e) {
                LOG.info("sandbox phone {}: cannot decrypt {} from {}: {}", account.phone(), m.attr("id"), from, e.getMessage());
            }
        }
        if (content == null) {
            askForResend(m, from);
            ack(m);
            return;
        }
        boolean fromOwnDevice = from.user().equals(account.digits());
        if (fromOwnDevice) {
            // sent by one of our linked devices: the phone shows it as sent by us
            if (content.hasDeviceSentMessage() && content.getDeviceSentMessage().getMessage().hasConversation()) {
                Jid dest = Jid.parse(content.getDeviceSentMessage().getDestinationJid());
                entries.add(new Entry(m.attr("id"), "+" + dest.user(), content.getDeviceSentMessage().getMessage().getConversation(),
                        server.clock().instant(), "outgoing", "sent"));
            }
            receipt(m, from, "sender"); // whatsmeow sendMessageReceipt: "sender" for our own devices' messages
            ack(m);
            return;
        }
        String text = content.hasConversation() ? content.getConversation()
                : content.hasExtendedTextMessage() ? content.getExtendedTextMessage().getText() : null;
        if (text != null && entries.stream().noneMatch(e -> e.id().equals(m.attr("id")) && e.direction().equals("incoming"))) {
            entries.add(new Entry(m.attr("id"), "+" + from.user(), text, server.clock().instant(), "incoming", "received"));
        }
        receipt(m, from, null);
        ack(m);
        if (autoReply && text != null) {
            thread.schedule(() -> receipt(m, from, "read"), 300, TimeUnit.MILLISECONDS);
            thread.schedule(() -> sendNow(from.toNonAd(), "Thanks, I got: " + text), 600, TimeUnit.MILLISECONDS);
        }
    }

    private void onReceipt(Node r) {
        String id = r.attr("id");
        if ("hist_sync".equals(r.attr("type"))) {
            historySyncReceipts.add(id); // a companion took the history notice (whatsmeow SendProtocolMessageReceipt)
        }
        String status = r.attr("type") == null ? "delivered" : "read".equals(r.attr("type")) ? "read" : null;
        if (status != null) {
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                if (e.id().equals(id) && e.direction().equals("outgoing") && rank(status) > rank(e.status())) {
                    entries.set(i, e.withStatus(status));
                }
            }
        }
        ack(r);
    }

    private static int rank(String status) {
        return switch (status) {
            case "read" -> 3;
            case "delivered" -> 2;
            default -> 1;
        };
    }

    private void receipt(Node message, Jid from, String type) {
        Map<String, Object> attrs = Node.attrs("id", message.attr("id"), "to", from);
        if (type != null) {
            attrs.put("type", type);
        }
        server.fanOut().relayReceipt(jid, Node.of("receipt", attrs));
    }

    private void ack(Node stanza) {
        if (stanza.attr("id") != null && stanza.attr("from") != null) {
            server.router().ack(jid(), stanza.tag(), stanza.attr("id"), stanza.attr("from"), stanza.attr("type"));
        }
    }

    /** A retry receipt with a fresh bundle, as a real phone sends when it cannot decrypt. */
    private void askForResend(Node m, Jid from) {
        PreKeyStore.PreKey key = stores.preKeys().getOrGenerate(1).get(0);
        SignedPreKeyStore.SignedPreKey spk = stores.signedPreKeys().current().orElseThrow();
        List<Node> keys = new ArrayList<>(BundleNodes.toNodes(new PreKeyBundle(local.registrationId(),
                account.identity().publicKey(), spk.id(), spk.keyPair().publicKey(), spk.signature(),
                OptionalInt.of(key.id()), key.keyPair().publicKey())));
        Node registration = keys.remove(0);
        Node retry = Node.of("receipt", Node.attrs("id", m.attr("id"), "to", from, "type", "retry"), List.of(
                Node.of("retry", Node.attrs("count", "2", "id", m.attr("id"), "t", m.attr("t") == null ? "0" : m.attr("t"), "v", "1")),
                registration, Node.of("keys", Map.of(), keys)));
        server.fanOut().relayReceipt(jid, retry);
    }

    private void uploadPreKeys() {
        List<PreKeyStore.PreKey> keys = stores.preKeys().getOrGenerate(PREKEYS);
        SignedPreKeyStore.SignedPreKey spk = stores.signedPreKeys().current().orElseThrow();
        List<Node> list = new ArrayList<>();
        for (PreKeyStore.PreKey k : keys) {
            list.add(Node.of("key", Map.of(), List.of(Node.of("id", Map.of(), BundleNodes.id3(k.id())),
                    Node.of("value", Map.of(), k.keyPair().publicKey()))));
        }
        Node upload = Node.of("iq", Map.of(), List.of(
                Node.of("registration", Map.of(), ByteBuffer.allocate(4).putInt(local.registrationId()).array()),
                Node.of("type", Map.of(), new byte[]{5}),
                Node.of("identity", Map.of(), account.identity().publicKey()),
                Node.of("list", Map.of(), list),
                Node.of("skey", Map.of(), List.of(Node.of("id", Map.of(), BundleNodes.id3(spk.id())),
                        Node.of("value", Map.of(), spk.keyPair().publicKey()), Node.of("signature", Map.of(), spk.signature())))));
        server.preKeys.computeIfAbsent(jid(), j -> new PreKeys()).upload(upload);
        stores.preKeys().markUploaded(keys.get(keys.size() - 1).id());
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
