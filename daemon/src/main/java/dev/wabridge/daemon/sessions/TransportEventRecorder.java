package dev.wabridge.daemon.sessions;

import dev.wabridge.daemon.logs.MessageLog;
import dev.wabridge.daemon.optout.OptOutService;
import dev.wabridge.daemon.outbox.OutboxService;
import dev.wabridge.daemon.store.KeyStoreFactory;
import dev.wabridge.daemon.store.SessionRepository;
import dev.wabridge.daemon.time.TimeSource;
import dev.wabridge.transport.TransportEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.function.BiConsumer;

/**
 * What each transport event means for the store (a QR code, connected, disconnected with its
 * reason, logged out with the keys wiped and the queue failed, an incoming message logged with
 * the opt-out keyword rule, a text typed on the phone, a receipt), and who is told once it is
 * written (the QR listener, the incoming-message publisher, the change publisher). Kept apart
 * from {@link SessionManager}, which owns the sessions' lifecycle and commands.
 */
final class TransportEventRecorder {
    private static final Logger log = LoggerFactory.getLogger(TransportEventRecorder.class);

    private final SessionRepository sessions;
    private final KeyStoreFactory keyStores;
    private final OutboxService outbox;
    private final MessageLog messages;
    private final OptOutService optouts;
    private final TimeSource time;
    /** Told of every new QR code (the --sandbox demo's phone scans them). */
    private volatile BiConsumer<Long, String> qrListener = (id, qr) -> { };
    /** Told of every new incoming message (MCP notifications, once the server runs). */
    private volatile IncomingMessagePublisher incoming = IncomingMessagePublisher.NONE;
    /** Told of status changes (MCP resource updates, once the server runs). */
    private volatile ChangePublisher changes = ChangePublisher.NONE;

    TransportEventRecorder(SessionRepository sessions, KeyStoreFactory keyStores, OutboxService outbox, MessageLog messages,
                           OptOutService optouts, TimeSource time) {
        this.sessions = sessions;
        this.keyStores = keyStores;
        this.outbox = outbox;
        this.messages = messages;
        this.optouts = optouts;
        this.time = time;
    }

    void onQr(BiConsumer<Long, String> listener) {
        this.qrListener = listener;
    }

    void onIncoming(IncomingMessagePublisher publisher) {
        this.incoming = publisher;
    }

    void onChange(ChangePublisher publisher) {
        this.changes = publisher;
    }

    ChangePublisher changes() {
        return changes;
    }

    /**
     * Runs on the session's actor thread. An incoming message's row is committed when this
     * returns, which is what lets the transport ack it to the server (see SessionEvents).
     */
    void record(long id, TransportEvent event) {
        Instant now = time.now();
        switch (event) {
            case TransportEvent.QrCode q -> {
                sessions.markQrPending(id, q.qr(), q.expiresAt());
                qrListener.accept(id, q.qr());
            }
            case TransportEvent.Connected c -> sessions.markConnected(id, c.phone(), c.pushName(), now);
            case TransportEvent.Disconnected d -> sessions.markDisconnected(id, describe(d), now);
            case TransportEvent.LoggedOut l -> {
                keyStores.forSession(id).clear();
                sessions.markLoggedOut(id, "logged out: " + l.reason() + "; keys wiped. reconnect_whatsapp links it again with a new QR code");
                int failed = outbox.failAllOf(id, "session logged out before sending", now);
                if (failed > 0) {
                    changes.messageChanged(id, null);
                    log.warn("session {} logged out; {} unsent message(s) failed and were refunded", id, failed);
                }
            }
            case TransportEvent.IncomingMessage m -> {
                sessions.touch(id, now);
                boolean isNew = messages.recordIncoming(id, m.messageId(), m.fromPhone(), m.pushName(), m.text(),
                        m.timestamp() == null ? now : m.timestamp());
                if (isNew && optouts.isKeyword(m.text())) {
                    optouts.add(m.fromPhone(), "replied '" + m.text().trim() + "'", "keyword", now);
                    log.info("session {}: {} opted out by keyword", id, m.fromPhone());
                }
                if (isNew) {
                    incoming.publish(id, m);
                }
            }
            case TransportEvent.OwnMessageSent o -> {
                sessions.touch(id, now);
                messages.recordOwnSent(id, o.messageId(), o.toPhone(), o.text(), o.timestamp() == null ? now : o.timestamp());
            }
            case TransportEvent.Receipt r -> messages.applyReceipt(id, r.messageId(), r.type() == TransportEvent.ReceiptType.READ,
                    r.timestamp() == null ? now : r.timestamp()).ifPresent(phone -> changes.messageChanged(id, phone));
        }
        if (event instanceof TransportEvent.QrCode || event instanceof TransportEvent.Connected
                || event instanceof TransportEvent.Disconnected || event instanceof TransportEvent.LoggedOut) {
            changes.sessionChanged(id);
        }
    }

    static String describe(TransportEvent.Disconnected d) {
        String base = switch (d.reason()) {
            case REQUESTED -> "disconnected on request";
            case CONNECTION_LOST -> "connection lost";
            case RESTART_REQUIRED -> "server asked for a restart";
            case REPLACED -> "another client took over this device (conflict); not reconnecting automatically";
            case SERVICE_UNAVAILABLE -> "WhatsApp service unavailable";
            case QR_TIMEOUT -> "no QR code was scanned in time; reconnect_whatsapp shows a new one";
            case CLIENT_OUTDATED -> "client_outdated: WhatsApp refuses this WhatsApp Web version; set transport.wa_version to the"
                    + " current one (or update wabridge), then reconnect_whatsapp";
            case TEMPORARILY_BANNED -> "temporarily banned by WhatsApp";
            case LOGIN_REFUSED -> "WhatsApp refused the login; not reconnecting automatically";
        };
        return base + (d.detail() == null ? "" : " (" + d.detail() + ")") + (d.willRetry() ? "; reconnecting" : "");
    }
}
