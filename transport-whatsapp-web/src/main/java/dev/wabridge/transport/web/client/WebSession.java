package dev.wabridge.transport.web.client;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.wabridge.transport.KeyStore;
import dev.wabridge.transport.Profile;
import dev.wabridge.transport.ProfileUpdate;
import dev.wabridge.transport.SendAck;
import dev.wabridge.transport.SessionContext;
import dev.wabridge.transport.TransportEvent;
import dev.wabridge.transport.TransportException;
import dev.wabridge.transport.TransportSession;
import dev.wabridge.transport.web.connection.NoiseClientHandler;
import dev.wabridge.transport.web.handshake.CertificateChainVerifier;
import dev.wabridge.transport.web.handshake.ClientHandshake;
import dev.wabridge.transport.web.pair.ClientPayloads;
import dev.wabridge.transport.web.pair.Credentials;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.pairing.AdvSignatures;
import dev.wabridge.wire.pairing.QrCode;
import dev.wabridge.wire.proto.ADVDeviceIdentity;
import dev.wabridge.wire.proto.ADVSignedDeviceIdentity;
import dev.wabridge.wire.proto.ADVSignedDeviceIdentityHMAC;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One linked number on WhatsApp's multi-device Web protocol: connect (register + pair via QR,
 * or log in with stored credentials), keep-alive, stream errors, reconnect with backoff.
 *
 * <p>All protocol state is owned by this session's single thread ({@code actor}); Netty's
 * event loop only hands nodes and connection events over, and the KeyStore (which may block
 * on disk) is only touched here.
 */
final class WebSession implements TransportSession {
    private static final Logger log = LoggerFactory.getLogger(WebSession.class);
    static final AttributeKey<Throwable> CLOSE_CAUSE = AttributeKey.valueOf("wabridge.closeCause");
    /** whatsmeow qrchan.go: the first code is shown 60 s, each next one 20 s. */
    static final Duration FIRST_QR = Duration.ofSeconds(60);
    static final Duration NEXT_QR = Duration.ofSeconds(20);
    private final Duration firstQr;
    private final Duration nextQr;
    private final long keepAliveMin;
    private final long keepAliveDeadline;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SessionContext ctx;
    private final KeyStore keys;
    private final WebSocketConnector connector;
    private final CertificateChainVerifier verifier;
    private final String deviceName;
    private final ScheduledExecutorService actor;

    // --- state owned by the actor thread ---
    private Credentials creds;
    private Channel channel;
    /** A connection attempt is under way (between open() and ready/closed/failed). */
    private boolean connecting;
    private boolean wanted;
    private boolean loggedIn;
    private boolean loggedOut;
    private int failures;
    private final Deque<byte[]> qrRefs = new ArrayDeque<>();
    private ScheduledFuture<?> qrTimer;
    private ScheduledFuture<?> keepAlive;
    private ScheduledFuture<?> reconnectTimer;
    private long idCounter;
    private final java.util.Map<String, CompletableFuture<Node>> pending = new java.util.HashMap<>();
    private volatile boolean connected;
    private volatile String pushName;

    WebSession(SessionContext ctx, WebSocketConnector connector, CertificateChainVerifier verifier, String deviceName) {
        this.ctx = ctx;
        this.keys = ctx.keys();
        this.connector = connector;
        this.verifier = verifier;
        this.deviceName = deviceName;
        // Tests shorten the rotation (settings qr_first_ms / qr_next_ms); production uses WhatsApp Web's.
        this.firstQr = Duration.ofMillis(Long.parseLong(ctx.settings().getOrDefault("qr_first_ms", Long.toString(FIRST_QR.toMillis()))));
        this.nextQr = Duration.ofMillis(Long.parseLong(ctx.settings().getOrDefault("qr_next_ms", Long.toString(NEXT_QR.toMillis()))));
        this.keepAliveMin = Long.parseLong(ctx.settings().getOrDefault("keepalive_min_ms", "20000"));
        this.keepAliveDeadline = Long.parseLong(ctx.settings().getOrDefault("keepalive_deadline_ms", "10000"));
        this.actor = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("wa-session-" + ctx.sessionId()).factory());
    }

    // ---------------------------------------------------------------- TransportSession

    @Override
    public void connect() {
        actor.execute(() -> {
            wanted = true;
            loggedOut = false;
            failures = 0;
            if (!connecting && (channel == null || !channel.isActive())) {
                open();
            }
        });
    }

    @Override
    public void disconnect() {
        actor.execute(() -> {
            wanted = false;
            cancelTimers();
            if (channel != null) {
                channel.close();
            }
            if (connected || loggedIn) {
                connected = false;
                loggedIn = false;
            }
            emit(new TransportEvent.Disconnected(TransportEvent.DisconnectReason.REQUESTED, null, false));
        });
    }

    @Override
    public CompletableFuture<Void> logout() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        actor.execute(() -> {
            if (channel != null && loggedIn && creds != null && creds.jid() != null) {
                send(Node.of("iq", Node.attrs("id", nextId(), "to", Jid.SERVER, "type", "set", "xmlns", "md"),
                        List.of(Node.of("remove-companion-device", Node.attrs("jid", creds.jid(), "reason", "user_initiated")))));
            }
            loggedOut("logged out on request");
            done.complete(null);
        });
        return done;
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public void close() {
        disconnect();
        actor.shutdown(); // after the queued disconnect has run
    }

    @Override
    public String newMessageId() {
        byte[] b = new byte[9];
        RANDOM.nextBytes(b);
        return "3EB0" + HexFormat.of().withUpperCase().formatHex(b);
    }

    @Override
    public CompletableFuture<SendAck> sendText(String messageId, String phone, String text) {
        return CompletableFuture.failedFuture(new TransportException(
                "sending needs the Signal end-to-end layer, which this build of the whatsapp-web transport does not have yet", false));
    }

    @Override
    public CompletableFuture<Void> archiveChat(String phone, boolean archived) {
        return CompletableFuture.failedFuture(new TransportException(
                "archiving needs app-state sync, which this build of the whatsapp-web transport does not have yet", false));
    }

    @Override
    public CompletableFuture<Profile> profile() {
        CompletableFuture<Profile> f = new CompletableFuture<>();
        actor.execute(() -> f.complete(new Profile(creds == null || creds.jid() == null ? null : "+" + creds.jid().user(),
                pushName, null, null, false)));
        return f;
    }

    @Override
    public CompletableFuture<Profile> updateProfile(ProfileUpdate update) {
        return CompletableFuture.failedFuture(new TransportException(
                "profile changes need app-state sync and usync, which this build of the whatsapp-web transport does not have yet", false));
    }

    @Override
    public CompletableFuture<Profile> updateProfilePicture(byte[] jpeg) {
        return CompletableFuture.failedFuture(new TransportException(
                "profile pictures are not in this build of the whatsapp-web transport yet", false));
    }

    // ---------------------------------------------------------------- connection

    private void open() {
        cancelTimers();
        if (!wanted || loggedOut || connecting) {
            return;
        }
        if (channel != null) {
            Channel old = channel;
            channel = null; // its close event is now stale and ignored
            old.close();
        }
        connecting = true;
        try {
            if (creds == null) {
                creds = Credentials.load(keys).orElseGet(() -> {
                    Credentials fresh = Credentials.generate();
                    fresh.save(keys);
                    return fresh;
                });
            }
            byte[] payload = creds.paired() ? ClientPayloads.login(creds) : ClientPayloads.registration(creds, deviceName);
            NoiseClientHandler noise = new NoiseClientHandler(new ClientHandshake(creds.noiseKey(), verifier), payload, ctx.clock());
            connector.connect(noise, new WebSocketConnector.Listener() {
                @Override
                public void ready(Channel ch) {
                    actor.execute(() -> onReady(ch));
                }

                @Override
                public void node(Channel ch, Node node) {
                    actor.execute(() -> onNode(ch, node));
                }

                @Override
                public void closed(Channel ch, Throwable cause) {
                    actor.execute(() -> onClosed(ch, cause));
                }
            }).addListener(f -> {
                if (!f.isSuccess()) {
                    actor.execute(() -> {
                        connecting = false;
                        if (!wanted || loggedOut) {
                            return; // disconnect() already reported it
                        }
                        String why = "cannot reach " + f.cause().getMessage();
                        emit(new TransportEvent.Disconnected(TransportEvent.DisconnectReason.CONNECTION_LOST, why, true));
                        scheduleReconnect(why);
                    });
                } else {
                    Channel ch = ((io.netty.channel.ChannelFuture) f).channel();
                    actor.execute(() -> {
                        if (!wanted || loggedOut) {
                            connecting = false;
                            ch.close(); // disconnect() came while we were connecting
                        } else {
                            channel = ch;
                        }
                    });
                }
            });
        } catch (RuntimeException e) {
            // e.g. the key store failed: report it and try again later rather than stay stuck
            connecting = false;
            log.error("session {}: cannot start a connection", ctx.sessionId(), e);
            emit(new TransportEvent.Disconnected(TransportEvent.DisconnectReason.CONNECTION_LOST,
                    "cannot start a connection: " + e.getMessage(), true));
            scheduleReconnect(e.getMessage());
        }
    }

    private void onReady(Channel ch) {
        if (ch != channel) {
            ch.close(); // a superseded attempt
            return;
        }
        connecting = false;
        log.debug("session {}: noise handshake done", ctx.sessionId());
    }

    private void onClosed(Channel ch, Throwable cause) {
        if (ch != channel) {
            return; // an older or superseded connection
        }
        connecting = false;
        channel = null;
        boolean wasConnected = connected;
        connected = false;
        loggedIn = false;
        cancelTimers();
        failPending();
        if (loggedOut || !wanted) {
            return;
        }
        String why = cause == null ? "socket closed" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        if (wasConnected) {
            emit(new TransportEvent.Disconnected(TransportEvent.DisconnectReason.CONNECTION_LOST, why, true));
        }
        scheduleReconnect(why);
    }

    /** Exponential backoff with jitter: 1, 2, 4 … 60 s, ±25 %; reset by a successful login. */
    private void scheduleReconnect(String why) {
        if (!wanted || loggedOut) {
            return;
        }
        failures++;
        long base = Math.min(MAX_BACKOFF.toMillis(), 1000L << Math.min(6, failures - 1));
        long delay = base / 4 * 3 + (long) (RANDOM.nextDouble() * base / 2);
        log.info("session {}: reconnecting in {} ms ({})", ctx.sessionId(), delay, why);
        reconnectTimer = actor.schedule(this::open, delay, TimeUnit.MILLISECONDS);
    }

    private void reconnectNow() {
        connected = false;
        loggedIn = false;
        connecting = false;
        open(); // closes the current socket first; its close event is ignored
    }

    // ---------------------------------------------------------------- nodes

    private void onNode(Channel ch, Node node) {
        if (ch != channel) {
            return;
        }
        switch (node.tag()) {
            case "iq" -> onIq(node);
            case "success" -> onSuccess(node);
            case "failure" -> onFailure(node);
            case "stream:error" -> onStreamError(node);
            case "xmlstreamend" -> ch.close();
            case "ib", "notification", "message", "receipt", "call", "presence", "chatstate" -> ack(node);
            default -> log.debug("session {}: ignoring {}", ctx.sessionId(), node.tag());
        }
    }

    private void onIq(Node iq) {
        String type = iq.attr("type");
        String id = iq.attr("id");
        if (("result".equals(type) || "error".equals(type)) && id != null) {
            CompletableFuture<Node> f = pending.remove(id);
            if (f != null) {
                f.complete(iq);
            }
            return;
        }
        if (iq.child("pair-device").isPresent()) {
            send(Node.of("iq", Node.attrs("to", Jid.SERVER, "id", id, "type", "result")));
            qrRefs.clear();
            iq.child("pair-device").get().children("ref").forEach(r -> qrRefs.add(r.bytes()));
            showNextQr(firstQr);
        } else if (iq.child("pair-success").isPresent()) {
            onPairSuccess(iq);
        } else if ("get".equals(type) && "urn:xmpp:ping".equals(iq.attr("xmlns"))) {
            send(Node.of("iq", Node.attrs("to", Jid.SERVER, "id", id, "type", "result")));
        }
    }

    private void showNextQr(Duration validFor) {
        byte[] ref = qrRefs.poll();
        if (ref == null) {
            // Every code expired unscanned: stop, as WhatsApp Web does, until asked again.
            wanted = false;
            if (channel != null) {
                channel.close();
            }
            emit(new TransportEvent.Disconnected(TransportEvent.DisconnectReason.QR_TIMEOUT, "no QR code was scanned", false));
            return;
        }
        String qr = new QrCode(new String(ref, StandardCharsets.UTF_8), creds.noiseKey().publicKey(),
                creds.identityKey().publicKey(), creds.advSecret(), QrCode.PLATFORM_OTHER_WEB).encode();
        emit(new TransportEvent.QrCode(qr, ctx.clock().instant().plus(validFor)));
        qrTimer = actor.schedule(() -> showNextQr(nextQr), validFor.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void onPairSuccess(Node iq) {
        String id = iq.attr("id");
        Node ps = iq.child("pair-success").orElseThrow();
        try {
            byte[] container = ps.child("device-identity").map(Node::bytes).orElseThrow(() -> new IllegalArgumentException("no device-identity"));
            Jid jid = ps.child("device").flatMap(d -> d.jid("jid")).orElseThrow(() -> new IllegalArgumentException("no device jid"));
            Jid lid = ps.child("device").flatMap(d -> d.jid("lid")).orElse(null);
            ADVSignedDeviceIdentityHMAC hmac = ADVSignedDeviceIdentityHMAC.parseFrom(container);
            if (!AdvSignatures.hmacMatches(creds.advSecret(), hmac.getDetails().toByteArray(), hmac.getHmac().toByteArray())) {
                pairError(id, 401, "hmac-mismatch");
                return;
            }
            ADVSignedDeviceIdentity signed = ADVSignedDeviceIdentity.parseFrom(hmac.getDetails());
            byte[] details = signed.getDetails().toByteArray();
            byte[] accountKey = signed.getAccountSignatureKey().toByteArray();
            byte[] identity = creds.identityKey().publicKey();
            if (!AdvSignatures.verifyAccount(accountKey, details, identity, signed.getAccountSignature().toByteArray())) {
                pairError(id, 401, "signature-mismatch");
                return;
            }
            byte[] deviceSignature = AdvSignatures.signDevice(creds.identityKey().privateKey(), details, identity, accountKey);
            ADVSignedDeviceIdentity account = signed.toBuilder().setDeviceSignature(ByteString.copyFrom(deviceSignature)).build();
            int keyIndex = ADVDeviceIdentity.parseFrom(details).getKeyIndex();
            if (qrTimer != null) {
                qrTimer.cancel(false); // paired: no more codes
            }
            creds = creds.paired(jid, lid, account.toByteArray());
            creds.save(keys);
            byte[] reply = account.toBuilder().clearAccountSignatureKey().build().toByteArray();
            send(Node.of("iq", Node.attrs("to", Jid.SERVER, "type", "result", "id", id),
                    List.of(Node.of("pair-device-sign", java.util.Map.of(),
                            List.of(Node.of("device-identity", Node.attrs("key-index", Integer.toString(keyIndex)), reply))))));
            log.info("session {}: paired as {}", ctx.sessionId(), jid);
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            pairError(id, 500, "internal-error");
            log.warn("session {}: bad pair-success: {}", ctx.sessionId(), e.getMessage());
        }
    }

    private void pairError(String id, int code, String text) {
        log.warn("session {}: pairing refused: {}", ctx.sessionId(), text);
        send(Node.of("iq", Node.attrs("to", Jid.SERVER, "type", "error", "id", id),
                List.of(Node.of("error", Node.attrs("code", Integer.toString(code), "text", text)))));
    }

    private void onSuccess(Node success) {
        if (!wanted) {
            channel.close();
            return;
        }
        loggedIn = true;
        connected = true;
        failures = 0;
        pushName = success.attr("pushname") != null ? success.attr("pushname") : pushName;
        send(Node.of("iq", Node.attrs("id", nextId(), "xmlns", "passive", "type", "set", "to", Jid.SERVER), List.of(Node.of("active"))));
        scheduleKeepAlive();
        emit(new TransportEvent.Connected("+" + creds.jid().user(), pushName));
    }

    private void onFailure(Node failure) {
        String reason = failure.attr("reason");
        switch (reason == null ? "" : reason) {
            case "401", "403", "406" -> loggedOut("the server refused the login (failure " + reason + ")");
            case "405" -> {
                wanted = false;
                emit(new TransportEvent.Disconnected(TransportEvent.DisconnectReason.SERVICE_UNAVAILABLE,
                        "client version refused (failure 405); update wabridge", false));
            }
            default -> emit(new TransportEvent.Disconnected(TransportEvent.DisconnectReason.SERVICE_UNAVAILABLE,
                    "login failure " + reason, true));
        }
        if (channel != null) {
            channel.close();
        }
    }

    /**
     * whatsmeow connectionevents.go handleStreamError: 515 restart now; 401 or conflict
     * device_removed is a logout; conflict replaced stops (another client took over); 503 and
     * the rest reconnect with backoff.
     */
    private void onStreamError(Node error) {
        String code = error.attr("code");
        String conflict = error.child("conflict").map(c -> c.attr("type")).orElse(null);
        if ("515".equals(code)) {
            emit(new TransportEvent.Disconnected(TransportEvent.DisconnectReason.RESTART_REQUIRED, null, true));
            reconnectNow();
        } else if ("401".equals(code) || "device_removed".equals(conflict)) {
            loggedOut("device removed (stream error " + (code == null ? "conflict" : code) + ")");
        } else if (conflict != null) {
            wanted = false;
            connected = false;
            loggedIn = false;
            emit(new TransportEvent.Disconnected(TransportEvent.DisconnectReason.REPLACED, "conflict " + conflict, false));
            if (channel != null) {
                channel.close();
            }
        } else {
            connected = false; // reported here; the close that follows must not report again
            loggedIn = false;
            emit(new TransportEvent.Disconnected("503".equals(code) ? TransportEvent.DisconnectReason.SERVICE_UNAVAILABLE
                    : TransportEvent.DisconnectReason.CONNECTION_LOST, "stream error " + code, true));
            if (channel != null) {
                channel.close();
            }
        }
    }

    private void loggedOut(String why) {
        loggedOut = true;
        wanted = false;
        connected = false;
        loggedIn = false;
        cancelTimers();
        if (channel != null) {
            channel.close();
        }
        keys.clear();
        creds = null;
        emit(new TransportEvent.LoggedOut(why));
    }

    /**
     * Keep-alive (whatsmeow keepalive.go): a ping every 20-30 s; no answer in 10 s closes the
     * socket, and the reconnect logic takes over. Tests shorten both (keepalive_min_ms,
     * keepalive_deadline_ms).
     */
    private void scheduleKeepAlive() {
        long delay = keepAliveMin + RANDOM.nextLong(keepAliveMin / 2 + 1);
        keepAlive = actor.schedule(() -> {
            if (!loggedIn || channel == null) {
                return;
            }
            CompletableFuture<Node> answer = request(Node.of("iq", Node.attrs("id", nextId(), "xmlns", "w:p", "type", "get",
                    "to", Jid.SERVER), List.of(Node.of("ping"))));
            Channel current = channel;
            answer.orTimeout(keepAliveDeadline, TimeUnit.MILLISECONDS).whenComplete((ok, failure) -> actor.execute(() -> {
                if (failure != null && current == channel && current != null) {
                    log.info("session {}: keep-alive unanswered; reconnecting", ctx.sessionId());
                    current.close();
                }
            }));
            scheduleKeepAlive();
        }, delay, TimeUnit.MILLISECONDS);
    }

    private CompletableFuture<Node> request(Node iq) {
        CompletableFuture<Node> f = new CompletableFuture<>();
        pending.put(iq.attr("id"), f);
        send(iq);
        return f;
    }

    private void ack(Node node) {
        if (node.attr("id") == null || node.attr("from") == null) {
            return;
        }
        send(Node.of("ack", Node.attrs("id", node.attr("id"), "to", node.attr("from"), "class", node.tag())));
    }

    private void send(Node node) {
        Channel ch = channel;
        if (ch != null) {
            ch.writeAndFlush(node);
        }
    }

    private String nextId() {
        return Long.toString(ctx.sessionId()) + "." + (++idCounter);
    }

    private void cancelTimers() {
        for (ScheduledFuture<?> t : new ScheduledFuture<?>[]{qrTimer, keepAlive, reconnectTimer}) {
            if (t != null) {
                t.cancel(false);
            }
        }
    }

    private void failPending() {
        pending.values().forEach(f -> f.completeExceptionally(new TransportException("connection closed", true)));
        pending.clear();
    }

    private void emit(TransportEvent event) {
        try {
            ctx.events().on(event);
        } catch (RuntimeException e) {
            log.error("session {}: event listener failed", ctx.sessionId(), e);
        }
    }
}
