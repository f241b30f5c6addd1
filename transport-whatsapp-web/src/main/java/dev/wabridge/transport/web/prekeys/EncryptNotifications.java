package dev.wabridge.transport.web.prekeys;

import dev.wabridge.transport.web.services.SessionServices;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.signal.store.SignalStores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <notification type="encrypt">} (whatsmeow notification.go handleEncryptNotification):
 * from the server with {@code <count/>}, our prekeys run low; from a user with
 * {@code <identity/>}, that user's identity key changed, so their stored identity and every
 * Signal session built on it are dropped in one transaction (the next message fetches a fresh
 * bundle). Runs on the session's actor thread.
 */
public final class EncryptNotifications {
    private static final Logger log = LoggerFactory.getLogger(EncryptNotifications.class);

    private final SessionServices session;
    private final PreKeyUploader preKeys;

    public EncryptNotifications(SessionServices session, PreKeyUploader preKeys) {
        this.session = session;
        this.preKeys = preKeys;
    }

    public void handle(Node notification) {
        Jid from = notification.jidIfValid("from").orElse(null);
        if (notification.child("count").isPresent() && (from == null || from.user() == null)) {
            preKeys.onCountNotification(notification);
        } else if (notification.child("identity").isPresent() && from != null && from.user() != null) {
            Jid user = from;
            new SignalStores(session.keys()).transaction(tx -> {
                tx.identities().deleteUser(user.user(), user.server());
                tx.sessions().deleteUser(user.user(), user.server());
                return null;
            });
            log.info("session {}: identity of {} changed; its Signal sessions are dropped", session.sessionId(), user.user());
        }
    }
}
