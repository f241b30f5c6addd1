package dev.wabridge.transport.web.client;

import dev.wabridge.transport.KeyStore;
import dev.wabridge.transport.SessionContext;
import dev.wabridge.transport.TransportEvent;
import dev.wabridge.transport.web.connection.NoiseClientHandler;
import dev.wabridge.transport.web.device.Credentials;
import dev.wabridge.transport.web.device.SignalIdentity;
import dev.wabridge.transport.web.handshake.CertificateChainVerifier;
import dev.wabridge.transport.web.handshake.ClientHandshake;
import dev.wabridge.transport.web.handshake.ClientPayloads;
import dev.wabridge.transport.web.services.ConnectionControl;
import dev.wabridge.transport.web.services.SessionServices;
import dev.wabridge.transport.web.version.VersionFetcher;
import dev.wabridge.transport.web.version.VersionKeeper;
import dev.wabridge.transport.web.version.WaVersion;
import dev.wabridge.wire.binary.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The state of one linked number's protocol session and the services its handlers use:
 * credentials, login state, the connection, IQ requests, keep-alive. Everything here is owned
 * by the session's actor thread; only {@link #connected} and {@link #pushName} are read from
 * other threads (status), hence volatile.
 */
final class SessionRuntime implements SessionServices, Connection.Owner {
    private static final Logger log = LoggerFactory.getLogger(SessionRuntime.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SessionContext ctx;
    private final WebTransportSettings settings;
    private final CertificateChainVerifier verifier;
    private final ScheduledExecutorService actor;
    private final Connection connection;
    private final IqClient iq;
    private final KeepAlive keepAlive;
    private final VersionKeeper versions;
    /** Set by the session facade after the handlers exist: every node goes to its router, under the guard. */
    private StanzaGuard guard;
    /** Timers and waits tied to one socket that handlers own (QR rotation, sends awaiting acks), ended when it goes. */
    private Runnable socketTimers = () -> { };

    private Credentials creds;
    private boolean loggedIn;
    /** Gives up on a login the server does not answer. */
    private ScheduledFuture<?> loginTimer;
    private volatile boolean connected;
    private volatile String pushName;
    private volatile Instant lastInbound;

    SessionRuntime(SessionContext ctx, WebTransportSettings settings, WebSocketConnector connector, ScheduledExecutorService actor) {
        this.ctx = ctx;
        this.settings = settings;
        this.verifier = new CertificateChainVerifier(settings.rootKey());
        this.actor = actor;
        this.connection = new Connection(ctx.sessionId(), connector, actor, this, new Backoff(RANDOM));
        this.iq = new IqClient(IqClient.randomPrefix(RANDOM), connection::send, actor, settings.iqTimeout());
        this.versions = new VersionKeeper(this, settings.waVersion(),
                settings.versionUrl() == null ? null : new VersionFetcher(settings.versionUrl(), settings.versionTimeout()));
        this.keepAlive = new KeepAlive(this, settings.keepAliveMin(), settings.keepAliveDeadline(), settings.keepAliveMaxFail(), RANDOM);
    }

    void wire(StanzaGuard stanzaGuard, Runnable perSocketTimers) {
        this.guard = stanzaGuard;
        this.socketTimers = perSocketTimers;
    }

    Connection connectionLifecycle() {
        return connection;
    }

    IqClient iqClient() {
        return iq;
    }

    KeepAlive keepAlive() {
        return keepAlive;
    }

    VersionKeeper versions() {
        return versions;
    }

    boolean isConnected() {
        return connected;
    }

    boolean isLoggedIn() {
        return loggedIn;
    }

    String pushName() {
        return pushName;
    }

    /** The credentials if they were loaded or created; never creates them. */
    Credentials knownCredentials() {
        return creds;
    }

    // ---------------------------------------------------------------- Connection.Owner

    @Override
    public NoiseClientHandler handshake() {
        Credentials c = credentials();
        WaVersion version = versions.current();
        byte[] payload = c.paired() ? ClientPayloads.login(c, version) : ClientPayloads.registration(c, settings.deviceName(), version);
        return new NoiseClientHandler(new ClientHandshake(c.noiseKey(), verifier), payload, ctx.clock(), settings.handshakeTimeout());
    }

    /**
     * The handshake is done: keep-alive starts (whatsmeow client.go starts its loop here, the QR
     * phase included), and a paired device must hear {@code <success>} or {@code <failure>}
     * within the login timeout, or the socket is dropped and the backoff takes over.
     */
    @Override
    public void ready() {
        keepAlive.start();
        if (credentials().paired()) {
            loginTimer = schedule(() -> {
                if (!loggedIn) {
                    log.info("session {}: no answer to the login within {} ms; reconnecting", ctx.sessionId(),
                            settings.loginTimeout().toMillis());
                    connection.closeSocket();
                }
            }, settings.loginTimeout());
        }
    }

    private void cancelLoginTimer() {
        if (loginTimer != null) {
            loginTimer.cancel(false);
            loginTimer = null;
        }
    }

    @Override
    public boolean socketGone() {
        boolean was = connected;
        loginEnded();
        cancelLoginTimer();
        keepAlive.stop();
        socketTimers.run();
        iq.failAll();
        return was;
    }

    /** When the server last sent anything (read by the daemon's health check). */
    Instant lastInbound() {
        return lastInbound;
    }

    @Override
    public void node(Node node) {
        lastInbound = ctx.clock().instant();
        guard.onNode(node);
    }

    @Override
    public void undecodable(byte[] bytes, String why) {
        guard.undecodable(bytes, why);
    }

    // ---------------------------------------------------------------- SessionServices

    @Override
    public long sessionId() {
        return ctx.sessionId();
    }

    @Override
    public Clock clock() {
        return ctx.clock();
    }

    @Override
    public KeyStore keys() {
        return ctx.keys();
    }

    @Override
    public Credentials credentials() {
        if (creds == null) {
            creds = Credentials.load(keys()).orElseGet(() -> {
                Credentials fresh = Credentials.generate();
                fresh.save(keys());
                return fresh;
            });
            SignalIdentity.ensureSignedPreKey(keys(), creds, ctx.clock().instant());
        }
        return creds;
    }

    @Override
    public void saveCredentials(Credentials updated) {
        updated.save(keys());
        creds = updated;
    }

    @Override
    public void send(Node node) {
        connection.send(node);
        if (guard != null) {
            guard.onSent(node);
        }
    }

    @Override
    public CompletableFuture<Node> request(String type, String xmlns, List<Node> children) {
        return iq.request(type, xmlns, children);
    }

    @Override
    public CompletableFuture<Node> request(String type, String xmlns, List<Node> children, Duration timeout) {
        return iq.request(type, xmlns, children, timeout);
    }

    @Override
    public void emit(TransportEvent event) {
        try {
            ctx.events().on(event);
        } catch (RuntimeException e) {
            log.error("session {}: event listener failed", ctx.sessionId(), e);
        }
    }

    @Override
    public CompletionStage<Void> emitIncoming(TransportEvent.IncomingMessage message) {
        try {
            return ctx.events().onIncoming(message);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return actor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public ConnectionControl connection() {
        return connection;
    }

    @Override
    public void loggedIn(String newPushName) {
        loggedIn = true;
        connected = true;
        cancelLoginTimer();
        versions.loggedIn();
        connection.loginSucceeded();
        if (newPushName != null) {
            pushName = newPushName;
        }
        emit(new TransportEvent.Connected("+" + credentials().jid().user(), pushName));
    }

    @Override
    public void loginEnded() {
        connected = false;
        loggedIn = false;
    }

    @Override
    public void loggedOut(String reason) {
        loginEnded();
        connection.stop();
        keepAlive.stop();
        socketTimers.run();
        keys().clear();
        creds = null;
        emit(new TransportEvent.LoggedOut(reason));
    }
}
