package dev.wabridge.transport.web.privacy;

import dev.wabridge.transport.web.services.SessionServices;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.privacy.TokenBuckets;
import dev.wabridge.wire.privacy.TokenNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * {@code <notification type="privacy_token" from [sender_lid]><tokens><token jid t
 * type="trusted_contact">bytes</token>…} (whatsmeow notification.go
 * handlePrivacyTokenNotification; Baileys messages-recv.ts and tc-token-utils.ts
 * storeTcTokensFromIqResult): a contact gave us its token, which our next messages to it
 * carry. It is kept under the issuer, the notification's {@code sender_lid} when present, else
 * {@code from} resolved to its LID (the token's own {@code jid} names us). Skipped: other
 * types, tokens without bytes, tokens already expired (Baileys drops those without a time),
 * tokens older than the one we hold (whatsmeow's upsert keeps the newer), and issuers that are
 * no regular user. Our issue time stays as it was. The caller acks the notification. Runs on
 * the session's actor thread.
 */
final class ReceivedTokens {
    private static final Logger log = LoggerFactory.getLogger(ReceivedTokens.class);

    private final SessionServices session;
    private final PrivacyTokenStore store;

    ReceivedTokens(SessionServices session, PrivacyTokenStore store) {
        this.session = session;
        this.store = store;
    }

    void handle(Node notification) {
        Jid from = notification.jidIfValid("from").map(Jid::toNonAd).orElse(null);
        if (!TokenContacts.regular(from)) {
            log.debug("session {}: privacy_token notification from {} ignored", session.sessionId(), notification.attr("from"));
            return;
        }
        if (notification.child("tokens").isEmpty()) {
            log.warn("session {}: privacy_token notification from {} without <tokens>", session.sessionId(), from);
            return;
        }
        Jid issuer = notification.jidIfValid("sender_lid").map(Jid::toNonAd)
                .filter(l -> Jid.LID_SERVER.equals(l.server()) && l.user() != null).orElse(from);
        Instant now = session.clock().instant();
        for (TokenNodes.Token token : TokenNodes.parse(notification)) {
            if (!TokenNodes.TRUSTED_CONTACT.equals(token.type()) || token.data().isEmpty()) {
                log.debug("session {}: privacy token of type {} (data: {}) from {} skipped", session.sessionId(), token.type(),
                        token.data().isPresent(), issuer);
                continue;
            }
            if (TokenBuckets.expired(token.timestamp(), now)) {
                log.debug("session {}: expired privacy token from {} ({}) skipped", session.sessionId(), issuer, token.timestamp());
                continue;
            }
            PrivacyTokenStore.Entry known = store.find(issuer).orElse(PrivacyTokenStore.Entry.NONE);
            if (known.hasToken() && known.tokenTime().isAfter(token.timestamp())) {
                continue; // we hold a newer one
            }
            store.put(issuer, known.withToken(token.data().get(), token.timestamp()));
            log.debug("session {}: privacy token from {} stored (t {})", session.sessionId(), store.storageJid(issuer), token.timestamp());
        }
    }
}
