package dev.wabridge.transport.web.privacy;

import dev.wabridge.transport.web.device.Credentials;
import dev.wabridge.transport.web.services.SessionServices;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.privacy.TokenBuckets;
import dev.wabridge.wire.privacy.TokenNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Gives our privacy token to the contacts we write to (whatsmeow send.go sendDM, then
 * tctoken.go issuePrivacyTokenAndSave; Baileys messages-send.ts): after a 1:1 message the
 * server accepted, once per 7-day bucket, {@code <iq xmlns="privacy" type="set"><tokens><token
 * jid t type="trusted_contact"/></tokens></iq>} to the contact's storage JID (its LID when
 * known, as whatsmeow; Baileys by default names the phone number), stamped now. The answer's
 * content is not read (whatsmeow ignores it). On success the issue time is kept, so the next
 * issue waits for the next bucket, across restarts too; a failure is only logged, and the
 * next send tries again. After a contact's identity changed (an {@code encrypt} notification
 * with {@code <identity/>}), the token is issued again with the stored time, if that is still
 * inside the window (whatsmeow notification.go handleEncryptNotification). Never blocks a send
 * and never throws into it. Runs on the session's actor thread (the IQ answers complete there).
 */
final class TokenIssuer {
    private static final Logger log = LoggerFactory.getLogger(TokenIssuer.class);

    private final SessionServices session;
    private final PrivacyTokenStore store;
    /** Storage JIDs with an issue request in flight (Baileys inFlightTcTokenIssuance): one at a time per contact. */
    private final Set<String> inFlight = new HashSet<>();

    TokenIssuer(SessionServices session, PrivacyTokenStore store) {
        this.session = session;
        this.store = store;
    }

    /** A 1:1 message to {@code contact} was accepted by the server. */
    void afterSend(Jid contact) {
        try {
            if (!TokenContacts.regular(contact.toNonAd()) || ours(contact)) {
                return;
            }
            Instant now = session.clock().instant();
            Instant last = store.find(contact).map(PrivacyTokenStore.Entry::issuedTime).orElse(null);
            if (TokenBuckets.issueDue(last, now)) {
                issue(store.storageJid(contact), now);
            }
        } catch (RuntimeException e) {
            log.warn("session {}: could not issue our privacy token to {}: {}", session.sessionId(), contact, e.toString());
        }
    }

    /** {@code <notification type="encrypt">}: a user's {@code <identity/>} changed, so our token goes to it again. */
    void onEncrypt(Node notification) {
        Jid from = notification.jidIfValid("from").map(Jid::toNonAd).orElse(null);
        if (notification.child("identity").isEmpty() || !TokenContacts.regular(from)) {
            return;
        }
        try {
            Instant last = store.find(from).map(PrivacyTokenStore.Entry::issuedTime).orElse(null);
            if (!TokenBuckets.expired(last, session.clock().instant())) {
                log.debug("session {}: identity of {} changed; our privacy token is issued again", session.sessionId(), from);
                issue(store.storageJid(from), last);
            }
        } catch (RuntimeException e) {
            log.warn("session {}: could not issue our privacy token to {} again: {}", session.sessionId(), from, e.toString());
        }
    }

    private void issue(Jid storage, Instant t) {
        String key = storage.toString();
        if (!inFlight.add(key)) {
            return;
        }
        session.request("set", TokenNodes.XMLNS, List.of(TokenNodes.issue(List.of(storage), t))).whenComplete((answer, error) -> {
            inFlight.remove(key);
            if (error != null) {
                log.info("session {}: WhatsApp did not take our privacy token for {}: {}", session.sessionId(), storage,
                        error.getMessage());
                return;
            }
            try {
                store.put(storage, store.find(storage).orElse(PrivacyTokenStore.Entry.NONE).withIssued(t));
            } catch (RuntimeException e) {
                log.warn("session {}: privacy token issued to {}, but its time was not kept: {}", session.sessionId(), storage, e.toString());
            }
        });
    }

    /** A note to ourselves is no contact. */
    private boolean ours(Jid contact) {
        Credentials creds = session.credentials();
        String user = contact.user();
        return (creds.jid() != null && user.equals(creds.jid().user())) || (creds.lid() != null && user.equals(creds.lid().user()));
    }
}
