package dev.wabridge.transport.web.client;

import dev.wabridge.transport.TransportEvent.DisconnectReason;
import dev.wabridge.transport.TransportEvent;
import dev.wabridge.transport.web.connection.NoiseClientHandler;
import dev.wabridge.transport.web.services.ConnectionControl;
import dev.wabridge.wire.binary.Node;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The socket's life: open one connection at a time, hand its nodes over, notice its end,
 * and reconnect with {@link Backoff} while the session is wanted. Events from a channel that
 * is no longer the current one (a superseded attempt, the socket closed for a 515 restart)
 * are ignored: that stale-channel guard is what keeps a session from running two sockets.
 *
 * <p>Owned by the session's actor thread: every method runs there, and the connector's
 * callbacks (on Netty's event loop) are handed over to it.
 */
final class Connection implements ConnectionControl {
    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    /** What the connection needs from the session around it. */
    interface Owner {
        /** A fresh Noise client handler with this device's keys and ClientPayload. */
        NoiseClientHandler handshake();

        /** The current socket is gone (closed, or replaced): stop the timers and requests tied to it. Returns whether the session was logged in. */
        boolean socketGone();

        void node(Node node);

        /** The Noise handshake of the current socket is done. */
        void ready();

        /** A frame of the current socket did not decrypt or decode. */
        void undecodable(byte[] bytes, String why);

        void emit(TransportEvent event);
    }

    private final long sessionId;
    private final WebSocketConnector connector;
    private final ScheduledExecutorService actor;
    private final Owner owner;
    private final Backoff backoff;

    private Channel channel;
    /** An attempt is under way (between open() and ready, closed or failed). */
    private boolean connecting;
    private boolean wanted;
    private ScheduledFuture<?> reconnectTimer;

    Connection(long sessionId, WebSocketConnector connector, ScheduledExecutorService actor, Owner owner, Backoff backoff) {
        this.sessionId = sessionId;
        this.connector = connector;
        this.actor = actor;
        this.owner = owner;
        this.backoff = backoff;
    }

    /** The session should be online: connect unless a socket is open or an attempt is under way. */
    void connect() {
        wanted = true;
        backoff.reset();
        if (!connecting && (channel == null || !channel.isActive())) {
            open();
        }
    }

    /** Login succeeded: the next failure starts the backoff from 1 s again. */
    void loginSucceeded() {
        backoff.reset();
    }

    boolean isOpen() {
        return channel != null;
    }

    /** Writes {@code node} to the current socket; false when there is none. */
    boolean send(Node node) {
        Channel ch = channel;
        if (ch == null) {
            return false;
        }
        ch.writeAndFlush(node);
        return true;
    }

    @Override
    public boolean wanted() {
        return wanted;
    }

    @Override
    public void closeSocket() {
        if (channel != null) {
            channel.close();
        }
    }

    @Override
    public void restartNow() {
        connecting = false;
        open(); // closes the current socket first; its close event is then stale and ignored
    }

    @Override
    public void stop() {
        wanted = false;
        cancelReconnect();
        closeSocket();
    }

    @Override
    public void pauseFor(Duration delay) {
        stop();
        reconnectTimer = actor.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void open() {
        cancelReconnect();
        if (!wanted || connecting) {
            return;
        }
        if (channel != null) {
            Channel old = channel;
            channel = null; // its close event is now stale and ignored
            old.close();
        }
        owner.socketGone();
        connecting = true;
        try {
            connector.connect(owner.handshake(), new WebSocketConnector.Listener() {
                @Override
                public void ready(Channel ch) {
                    actor.execute(() -> onReady(ch));
                }

                @Override
                public void node(Channel ch, Node node) {
                    actor.execute(() -> {
                        if (ch == channel) {
                            owner.node(node);
                        }
                    });
                }

                @Override
                public void undecodable(Channel ch, byte[] bytes, String why) {
                    actor.execute(() -> {
                        if (ch == channel) {
                            owner.undecodable(bytes, why);
                        }
                    });
                }

                @Override
                public void closed(Channel ch, Throwable cause) {
                    actor.execute(() -> onClosed(ch, cause));
                }
            }).addListener(f -> actor.execute(() -> onConnectResult((ChannelFuture) f)));
        } catch (RuntimeException e) {
            // e.g. the key store failed: report it and try again later rather than stay stuck
            connecting = false;
            log.error("session {}: cannot start a connection", sessionId, e);
            lost("cannot start a connection: " + e.getMessage(), true);
        }
    }

    private void onConnectResult(ChannelFuture f) {
        if (!f.isSuccess()) {
            connecting = false;
            if (wanted) { // otherwise disconnect() already reported it
                lost("cannot reach " + f.cause().getMessage(), true);
            }
        } else if (!wanted) {
            connecting = false;
            f.channel().close(); // disconnect() came while we were connecting
        } else {
            channel = f.channel();
        }
    }

    private void onReady(Channel ch) {
        if (ch != channel) {
            ch.close(); // a superseded attempt
            return;
        }
        connecting = false;
        log.debug("session {}: noise handshake done", sessionId);
        owner.ready();
    }

    private void onClosed(Channel ch, Throwable cause) {
        if (ch != channel) {
            return; // an older or superseded connection
        }
        connecting = false;
        channel = null;
        boolean wasLoggedIn = owner.socketGone();
        if (wanted) {
            lost(cause == null ? "socket closed" : cause.getClass().getSimpleName() + ": " + cause.getMessage(), wasLoggedIn);
        }
    }

    private void lost(String why, boolean report) {
        if (report) {
            owner.emit(new TransportEvent.Disconnected(DisconnectReason.CONNECTION_LOST, why, true));
        }
        Duration delay = backoff.next();
        log.info("session {}: reconnecting in {} ms ({})", sessionId, delay.toMillis(), why);
        reconnectTimer = actor.schedule(this::open, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void cancelReconnect() {
        if (reconnectTimer != null) {
            reconnectTimer.cancel(false);
            reconnectTimer = null;
        }
    }
}
