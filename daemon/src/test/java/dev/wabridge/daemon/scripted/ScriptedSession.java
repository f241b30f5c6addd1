package dev.wabridge.daemon.scripted;

import dev.wabridge.transport.Profile;
import dev.wabridge.transport.ProfileUpdate;
import dev.wabridge.transport.SendAck;
import dev.wabridge.transport.SessionContext;
import dev.wabridge.transport.TransportEvent;
import dev.wabridge.transport.TransportException;
import dev.wabridge.transport.TransportSession;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A scripted transport session: pairs when ScriptedNetwork.scan gets its QR (or by itself
 * with setting auto_pair=PHONE), keeps its "credentials" in the daemon's KeyStore like a
 * real transport, acks sends after ack_delay_ms, and lets tests inject messages, receipts,
 * drops and logouts. Phones starting with +999 are "not on WhatsApp" (permanent failure).
 */
public final class ScriptedSession implements TransportSession {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SessionContext ctx;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "scripted-" + System.nanoTime());
        t.setDaemon(true);
        return t;
    });
    private final Path journal;
    private final long ackDelayMs;
    private volatile boolean connected;
    private volatile String currentQr;
    private volatile int qrCount;
    private volatile Profile profile;
    public final List<String> archived = new CopyOnWriteArrayList<>();
    public volatile boolean failSendsRetryably;
    /** When the scripted server last sent something; tests set it back to make the session deaf. */
    public volatile Instant lastInbound;
    /** The server takes sends but never acknowledges them (a lost ack, a stuck server). */
    public volatile boolean withholdAcks;
    /** When set, logout fails as if WhatsApp never confirmed it (the device stays linked). */
    public volatile boolean failLogout;

    ScriptedSession(SessionContext ctx) {
        this.ctx = ctx;
        this.journal = ctx.settings().containsKey("journal") ? Path.of(ctx.settings().get("journal")) : null;
        this.ackDelayMs = Long.parseLong(ctx.settings().getOrDefault("ack_delay_ms", "5"));
        ScriptedNetwork.SESSIONS.put(ctx.sessionId(), this);
    }

    void emit(TransportEvent event) {
        ctx.events().on(event);
    }

    /**
     * An incoming message the way a transport that acks after commit hands it over; the
     * returned stage is what such a transport waits for before it acks the server. Call it
     * again with the same id for a redelivery.
     */
    public CompletionStage<Void> deliver(String messageId, String from, String text) {
        return ctx.events().onIncoming(new TransportEvent.IncomingMessage(messageId, from, "Customer", text, Instant.now()));
    }

    @Override
    public void connect() {
        var phone = ctx.keys().get("creds", "phone");
        if (phone.isPresent()) {
            timer.schedule(() -> login(new String(phone.get(), StandardCharsets.UTF_8)), 5, TimeUnit.MILLISECONDS);
            return;
        }
        qrCount++;
        currentQr = "2@scripted" + ctx.sessionId() + "-" + qrCount + "," + HexFormat.of().formatHex(randomBytes(8)) + ",pair";
        emit(new TransportEvent.QrCode(currentQr, ctx.clock().instant().plus(Duration.ofSeconds(60))));
        String auto = ctx.settings().get("auto_pair");
        if (auto != null) {
            String qr = currentQr;
            timer.schedule(() -> acceptScan(qr, auto.replace("{session}", Long.toString(ctx.sessionId()))), 20, TimeUnit.MILLISECONDS);
        }
    }

    boolean acceptScan(String qr, String phone) {
        if (qr == null || !qr.equals(currentQr)) {
            return false;
        }
        currentQr = null;
        ctx.keys().put("creds", "phone", phone.getBytes(StandardCharsets.UTF_8));
        ctx.keys().put("creds", "identity", randomBytes(32));
        login(phone);
        return true;
    }

    private void login(String phone) {
        connected = true;
        if (profile == null) {
            profile = new Profile(phone, "Scripted " + phone, "Hey there! I am using WhatsApp.", null, false);
        }
        emit(new TransportEvent.Connected(phone, profile.name()));
    }

    @Override
    public String newMessageId() {
        return "3EB0" + HexFormat.of().withUpperCase().formatHex(randomBytes(9));
    }

    @Override
    public CompletableFuture<SendAck> sendText(String messageId, String phone, String text) {
        CompletableFuture<SendAck> f = new CompletableFuture<>();
        if (!connected) {
            f.completeExceptionally(new TransportException("not connected", true));
            return f;
        }
        if (failSendsRetryably) {
            f.completeExceptionally(new TransportException("server busy", true));
            return f;
        }
        if (phone.startsWith("+999")) {
            f.completeExceptionally(new TransportException(phone + " is not on WhatsApp", false));
            return f;
        }
        var at = ctx.clock().instant(); // the transport's own timestamp, from the daemon's clock
        ScriptedNetwork.record(new ScriptedNetwork.Delivery(ctx.sessionId(), messageId, phone, text, at), journal);
        if (withholdAcks) {
            return f;
        }
        timer.schedule(() -> f.complete(new SendAck(messageId, at)), ackDelayMs, TimeUnit.MILLISECONDS);
        return f;
    }

    @Override
    public CompletableFuture<Void> archiveChat(String phone, boolean archived) {
        String failure = ScriptedNetwork.archiveFailure;
        if (failure != null) {
            return CompletableFuture.failedFuture(new TransportException(failure, false));
        }
        this.archived.add(phone);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Profile> profile() {
        return CompletableFuture.completedFuture(profile);
    }

    @Override
    public CompletableFuture<Profile> updateProfile(ProfileUpdate u) {
        Profile p = profile;
        profile = new Profile(p.phone(), u.name() != null ? u.name() : p.name(), u.about() != null ? u.about() : p.about(),
                u.businessDescription() != null ? u.businessDescription() : p.businessDescription(), p.hasPicture());
        return CompletableFuture.completedFuture(profile);
    }

    public volatile byte[] picture;

    @Override
    public CompletableFuture<Profile> updateProfilePicture(byte[] jpeg) {
        picture = jpeg;
        Profile p = profile;
        profile = new Profile(p.phone(), p.name(), p.about(), p.businessDescription(), true);
        return CompletableFuture.completedFuture(profile);
    }

    @Override
    public void disconnect() {
        if (connected) {
            connected = false;
            emit(new TransportEvent.Disconnected(TransportEvent.DisconnectReason.REQUESTED, null, false));
        }
    }

    /** The socket drops; like a real transport it reconnects by itself after a moment. */
    public void drop() {
        connected = false;
        emit(new TransportEvent.Disconnected(TransportEvent.DisconnectReason.CONNECTION_LOST, "socket closed", true));
        timer.schedule(this::connect, 50, TimeUnit.MILLISECONDS);
    }

    /** WhatsApp refused this client's version and no newer one could be had: the session stays offline. */
    public void refuseVersion() {
        connected = false;
        emit(new TransportEvent.Disconnected(TransportEvent.DisconnectReason.CLIENT_OUTDATED,
                "version 2.3000.1045649367 refused (failure 405); fetching a newer one failed", false));
    }

    /** The phone unlinked this device. */
    public void unlinkFromPhone() {
        connected = false;
        emit(new TransportEvent.LoggedOut("device removed from the phone"));
    }

    public void receipt(String messageId, String phone, TransportEvent.ReceiptType type) {
        emit(new TransportEvent.Receipt(messageId, phone, type, ctx.clock().instant()));
    }

    @Override
    public CompletableFuture<Void> logout() {
        if (failLogout || !connected) {
            return CompletableFuture.failedFuture(new TransportException(failLogout ? "WhatsApp did not confirm the logout"
                    : "not logged in to WhatsApp", true));
        }
        unlinkFromPhone();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public Optional<Instant> lastInbound() {
        return Optional.ofNullable(lastInbound);
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    public String currentQr() {
        return currentQr;
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
