package dev.wabridge.transport.web.privacy;

import dev.wabridge.transport.web.services.SessionServices;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.privacy.TokenBuckets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The privacy tokens of one linked number, as its sends and notifications see them (whatsmeow
 * tctoken.go): the token a contact gave us, for a {@code <tctoken>} on our next 1:1 message
 * while it is inside the window ({@link #tokenFor}, whatsmeow ensureTCToken); ours issued after
 * a send ({@link #afterSend}) and after a contact's identity change ({@link #onEncrypt});
 * the contacts' tokens from {@code privacy_token} notifications ({@link #onNotification}).
 * Expired entries are pruned at most once a day, on a look-up (whatsmeow
 * deleteExpiredPrivacyTokens, tcTokenDBPruneInterval). whatsmeow's other source, tokens in a
 * history sync, does not apply: this client asks for no history. Runs on the session's actor.
 */
public final class PrivacyTokens {
    private static final Logger log = LoggerFactory.getLogger(PrivacyTokens.class);
    /** How often expired entries are pruned (whatsmeow tcTokenDBPruneInterval). */
    static final Duration PRUNE_EVERY = Duration.ofHours(24);

    private final SessionServices session;
    private final PrivacyTokenStore store;
    private final ReceivedTokens received;
    private final TokenIssuer issuer;
    private Instant lastPrune;

    public PrivacyTokens(SessionServices session) {
        this.session = session;
        this.store = new PrivacyTokenStore(session.keys());
        this.received = new ReceivedTokens(session, store);
        this.issuer = new TokenIssuer(session, store);
    }

    /** The token {@code contact} gave us, when we hold one still inside the window; a store failure is logged and gives none. */
    public Optional<byte[]> tokenFor(Jid contact) {
        Instant now = session.clock().instant();
        try {
            pruneIfDue(now);
            return store.find(contact).filter(PrivacyTokenStore.Entry::hasToken)
                    .filter(e -> !TokenBuckets.expired(e.tokenTime(), now)).map(PrivacyTokenStore.Entry::token);
        } catch (RuntimeException e) {
            log.warn("session {}: could not read the privacy token of {}: {}", session.sessionId(), contact, e.toString());
            return Optional.empty();
        }
    }

    /** The server accepted a 1:1 message to {@code contact}: our token goes to it, once per bucket. Never throws. */
    public void afterSend(Jid contact) {
        issuer.afterSend(contact);
    }

    /** {@code <notification type="privacy_token">}; the caller acks it. */
    public void onNotification(Node notification) {
        received.handle(notification);
    }

    /** {@code <notification type="encrypt">}: after an identity change our token is issued again. */
    public void onEncrypt(Node notification) {
        issuer.onEncrypt(notification);
    }

    private void pruneIfDue(Instant now) {
        if (lastPrune != null && Duration.between(lastPrune, now).compareTo(PRUNE_EVERY) < 0) {
            return;
        }
        lastPrune = now;
        int changed = store.prune(TokenBuckets.cutoff(now));
        if (changed > 0) {
            log.debug("session {}: {} expired privacy token entries pruned", session.sessionId(), changed);
        }
    }
}
