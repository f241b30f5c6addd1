package dev.wabridge.transport.web.client;

import dev.wabridge.transport.Profile;
import dev.wabridge.transport.ProfileUpdate;
import dev.wabridge.transport.SendAck;
import dev.wabridge.transport.SessionContext;
import dev.wabridge.transport.TransportEvent;
import dev.wabridge.transport.TransportException;
import dev.wabridge.transport.TransportSession;
import dev.wabridge.transport.web.appstate.AppState;
import dev.wabridge.transport.web.device.Credentials;
import dev.wabridge.transport.web.diagnostics.Quarantine;
import dev.wabridge.transport.web.login.LoginHandler;
import dev.wabridge.transport.web.login.StreamErrors;
import dev.wabridge.transport.web.messages.MessageIds;
import dev.wabridge.transport.web.pairing.PairSuccess;
import dev.wabridge.transport.web.pairing.PhoneLinking;
import dev.wabridge.transport.web.pairing.QrPairing;
import dev.wabridge.transport.web.prekeys.EncryptNotifications;
import dev.wabridge.transport.web.prekeys.PreKeyUploader;
import dev.wabridge.transport.web.prekeys.SignedPreKeyRotator;
import dev.wabridge.transport.web.profile.ProfileEditor;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.routing.NodeRouter;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * One linked number on WhatsApp's multi-device Web protocol, as the daemon sees it: the
 * {@link TransportSession} facade. It owns the session's actor thread, builds the runtime
 * (connection, IQ client, keep-alive) and one handler per feature, and routes every node to
 * its handler (whatsmeow's one file per concern: pair.go, connectionevents.go, keepalive.go).
 *
 * <p>All protocol state is owned by the actor; Netty's event loop only hands nodes and
 * connection events over, and the KeyStore (which may block on disk) is only touched there.
 */
final class WebSession implements TransportSession {

    private final ScheduledExecutorService actor;
    private final SessionRuntime runtime;
    private final Connection connection;
    private final Messaging messaging;
    private final ProfileEditor profileEditor;
    private final AppState appState;
    private final PhoneLinking linking;
    private final Duration logoutTimeout;
    /** Counts connect and disconnect requests, so a connect waiting for the version fetch knows it is still wanted. */
    private long connectRequests;

    WebSession(SessionContext ctx, WebTransportSettings settings, WebSocketConnector connector) {
        this.actor = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("wa-session-" + ctx.sessionId()).factory());
        this.runtime = new SessionRuntime(ctx, settings, connector, actor);
        this.logoutTimeout = settings.logoutTimeout();
        this.connection = runtime.connectionLifecycle();
        QrPairing qr = new QrPairing(runtime, settings.firstQr(), settings.nextQr());
        this.linking = new PhoneLinking(runtime, settings.deviceName());
        this.profileEditor = new ProfileEditor(runtime);
        this.messaging = new Messaging(runtime);
        this.appState = new AppState(runtime, settings.media());
        NodeRouter router = messaging.routes(routes(runtime, qr, linking, messaging, appState));
        actor.execute(runtime.versions()::startDaily);
        runtime.wire(new StanzaGuard(runtime, router, new Quarantine(ctx.keys(), ctx.clock())), () -> {
            qr.stop();
            messaging.socketGone();
        });
    }

    /** Which handler takes which stanza (messages, receipts, acks and their notifications: {@link Messaging}). */
    private static NodeRouter routes(SessionRuntime runtime, QrPairing qr, PhoneLinking linking, Messaging messaging,
                                     AppState appState) {
        PreKeyUploader preKeys = new PreKeyUploader(runtime);
        SignedPreKeyRotator rotator = new SignedPreKeyRotator(runtime);
        LoginHandler login = new LoginHandler(runtime, () -> preKeys.afterLogin().thenCompose(checked -> rotator.afterLogin()),
                runtime.versions()::onClientOutdated);
        StreamErrors streamErrors = new StreamErrors(runtime);
        PairSuccess pairSuccess = new PairSuccess(runtime, qr);
        StanzaAcks acks = new StanzaAcks(runtime);
        EncryptNotifications encrypt = new EncryptNotifications(runtime, preKeys);
        Notifications notifications = messaging.notifications(new Notifications(acks), encrypt::handle)
                .on("link_code_companion_reg", linking::onNotification)
                .on("server_sync", appState::onServerSync);
        NodeRouter router = new NodeRouter()
                .onResponse(runtime.iqClient()::onResponse)
                .onIq("set", null, "pair-device", qr::onPairDevice)
                .onIq("set", null, "pair-success", pairSuccess::onPairSuccess)
                .onIq("get", "urn:xmpp:ping", null, runtime.keepAlive()::onServerPing)
                .onTag("success", login::onSuccess)
                .onTag("failure", login::onFailure)
                .onTag("stream:error", streamErrors::onStreamError)
                .onTag("xmlstreamend", streamErrors::onStreamEnd)
                .onTag("notification", notifications::handle);
        StanzaAcks.TAGS.forEach(tag -> router.onTag(tag, acks::ack));
        StanzaAcks.SILENT_TAGS.forEach(tag -> router.onTag(tag, acks::ignore));
        return router;
    }

    // ---------------------------------------------------------------- connection

    /** Connects, after fetching the current WhatsApp Web version if the last fetch is a day old. */
    @Override
    public void connect() {
        actor.execute(() -> {
            long asked = ++connectRequests;
            CompletableFuture<Void> fetched = runtime.versions().refreshIfDue();
            if (fetched.isDone()) {
                connection.connect();
            } else {
                fetched.whenComplete((ok, e) -> actor.execute(() -> {
                    if (asked == connectRequests) { // no disconnect or newer connect came meanwhile
                        connection.connect();
                    }
                }));
            }
        });
    }

    @Override
    public void disconnect() {
        actor.execute(() -> {
            connectRequests++;
            connection.stop();
            runtime.socketGone();
            runtime.emit(new TransportEvent.Disconnected(TransportEvent.DisconnectReason.REQUESTED, null, false));
        });
    }

    /**
     * Asks WhatsApp to remove this companion (remove-companion-device) and completes once the
     * server confirmed it; only then are the credentials wiped. Fails, keeping them, when the
     * session is not logged in or the server does not confirm within the logout timeout (transport setting logout_timeout_ms, 10 s):
     * the caller can say that the phone still lists the device (issue 11).
     */
    @Override
    public CompletableFuture<Void> logout() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        actor.execute(() -> {
            Credentials creds = runtime.knownCredentials();
            if (!connection.isOpen() || !runtime.isLoggedIn() || creds == null || creds.jid() == null) {
                done.completeExceptionally(new TransportException("not logged in to WhatsApp, so it cannot be told to remove this device", true));
                return;
            }
            runtime.request("set", "md", List.of(Node.of("remove-companion-device",
                    Node.attrs("jid", creds.jid(), "reason", "user_initiated"))), logoutTimeout)
                    .whenComplete((answer, failure) -> {
                        if (failure != null) {
                            // Bounded: the device is forgotten here all the same (keys wiped), and the
                            // caller hears that the phone may still list it.
                            TransportException why = failure instanceof TransportException te ? te
                                    : new TransportException("WhatsApp did not confirm the logout: " + failure.getMessage(), true);
                            try {
                                actor.execute(() -> {
                                    runtime.loggedOut("logged out on request (WhatsApp did not confirm in time)");
                                    done.completeExceptionally(why);
                                });
                            } catch (RejectedExecutionException e) {
                                done.completeExceptionally(why);
                            }
                            return;
                        }
                        try {
                            actor.execute(() -> {
                                runtime.loggedOut("logged out on request");
                                done.complete(null);
                            });
                        } catch (RejectedExecutionException e) {
                            done.complete(null); // confirmed by the server; the session was closed meanwhile
                        }
                    });
        });
        return done;
    }

    @Override
    public CompletableFuture<String> pairingCode(String phone) {
        CompletableFuture<String> code = new CompletableFuture<>();
        actor.execute(() -> linking.request(phone).whenComplete((c, e) -> {
            if (e != null) {
                code.completeExceptionally(e instanceof CompletionException ce && ce.getCause() != null ? ce.getCause() : e);
            } else {
                code.complete(c);
            }
        }));
        return code;
    }

    @Override
    public boolean isConnected() {
        return runtime.isConnected();
    }

    @Override
    public Optional<Instant> lastInbound() {
        return Optional.ofNullable(runtime.lastInbound());
    }

    @Override
    public void close() {
        disconnect();
        actor.execute(appState::close);
        actor.shutdown(); // after the queued disconnect has run
    }

    // ---------------------------------------------------------------- features

    @Override
    public String newMessageId() {
        Credentials creds = runtime.knownCredentials();
        return MessageIds.generate(creds == null ? null : creds.jid(), Instant.now());
    }

    @Override
    public CompletableFuture<SendAck> sendText(String messageId, String phone, String text) {
        CompletableFuture<SendAck> result = new CompletableFuture<>();
        actor.execute(() -> {
            try {
                messaging.sendText(messageId, phone, text).whenComplete((ack, error) -> {
                    if (error != null) {
                        result.completeExceptionally(error instanceof CompletionException ce && ce.getCause() != null ? ce.getCause() : error);
                    } else {
                        result.complete(ack);
                    }
                });
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    @Override
    public CompletableFuture<Void> archiveChat(String phone, boolean archived) {
        return onActor(() -> appState.archive(phone, archived), () -> null);
    }

    @Override
    public CompletableFuture<Profile> profile() {
        CompletableFuture<Profile> f = new CompletableFuture<>();
        actor.execute(() -> f.complete(currentProfile()));
        return f;
    }

    @Override
    public CompletableFuture<Profile> updateProfile(ProfileUpdate update) {
        return onActor(() -> profileEditor.update(update), this::currentProfile);
    }

    @Override
    public CompletableFuture<Profile> updateProfilePicture(byte[] jpeg) {
        return onActor(() -> profileEditor.setPicture(jpeg), this::currentProfile);
    }

    private Profile currentProfile() {
        Credentials creds = runtime.knownCredentials();
        return profileEditor.current(creds == null || creds.jid() == null ? null : "+" + creds.jid().user(), runtime.pushName());
    }

    /** Runs a change on the actor; once the server confirmed it, completes with {@code result} (computed on the actor). */
    private <T> CompletableFuture<T> onActor(Supplier<CompletableFuture<Void>> change, Supplier<T> result) {
        CompletableFuture<T> done = new CompletableFuture<>();
        actor.execute(() -> {
            CompletableFuture<Void> started;
            try {
                started = change.get();
            } catch (RuntimeException e) {
                started = CompletableFuture.failedFuture(e); // e.g. the key store failed: say so now, not at the caller's timeout
            }
            started.whenComplete((ok, error) -> actor.execute(() -> {
                if (error != null) {
                    done.completeExceptionally(error instanceof CompletionException ce && ce.getCause() != null ? ce.getCause() : error);
                } else {
                    done.complete(result.get());
                }
            }));
        });
        return done;
    }
}
