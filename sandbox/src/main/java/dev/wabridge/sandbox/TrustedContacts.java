package dev.wabridge.sandbox;

import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.privacy.TokenBuckets;
import dev.wabridge.wire.privacy.TokenNodes;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * The server's side of privacy tokens ("tctoken", trusted-contact tokens; whatsmeow
 * tctoken.go and send.go from the other end, Baileys messages-recv.ts on error 463): when an
 * account issues its token to a contact, the server keeps opaque bytes for that (issuer,
 * contact) pair, made once and the same at every re-issue, with the time of the latest issue,
 * and tells every device of the contact with {@code <notification type="privacy_token"
 * from="issuer" sender_lid="issuer's LID"><tokens><token jid="contact" t
 * type="trusted_contact">bytes</token></tokens>} (the bytes are the node's content, as
 * whatsmeow's handlePrivacyTokenNotification reads them).
 *
 * <p>With the fault {@link #require} on, the server refuses a 1:1 message with
 * {@code <ack error="463">} unless the chat exists (the sender's account already had a
 * message to the contact accepted, or its phone wrote to it) or the message carries
 * {@code <tctoken>} with the bytes the contact issued to the sender, issued inside the
 * window of {@link TokenBuckets}: WhatsApp keeps existing chats and refuses restricted
 * accounts' new ones (Baileys' 463 comment). A contact that wrote to the sender does not open
 * the chat by itself; the token its client issued after writing does, as every WhatsApp client
 * issues one after a send. Off by default. The sandbox's phones issue their token after each
 * text they send, once per bucket, as whatsmeow does. In memory only.
 *
 * <p>Called from connection event loops, the phone thread and API threads: concurrent maps.
 */
final class TrustedContacts {
    /** The bytes an issuer gave a contact and when it last issued them. */
    private record Issued(byte[] token, Instant t) {
    }

    private final ConcurrentMap<String, Issued> issued = new ConcurrentHashMap<>();
    /** "sender>contact" account pairs whose chat exists. */
    private final Set<String> chats = ConcurrentHashMap.newKeySet();
    private final SecureRandom random = new SecureRandom();
    private final StanzaRouter router;
    private final Directory directory;
    private final Clock clock;
    private final Supplier<String> ids;
    private volatile boolean required;

    TrustedContacts(StanzaRouter router, Directory directory, Clock clock, Supplier<String> ids) {
        this.router = router;
        this.directory = directory;
        this.clock = clock;
        this.ids = ids;
    }

    /** The fault: new 1:1 chats need the contact's token (463 otherwise). */
    void require(boolean on) {
        required = on;
    }

    /**
     * {@code issuer} issues its token to {@code contact}, stamped {@code t}: kept, and the
     * contact's devices are told (the sending device of the issuer too would be, if it were
     * the contact's: it never is).
     */
    void issue(Account issuer, Account contact, Instant t) {
        if (issuer.equals(contact)) {
            return;
        }
        Issued now = issued.compute(key(issuer, contact), (k, old) -> new Issued(old == null ? newToken() : old.token(),
                old == null || t.isAfter(old.t()) ? t : old.t()));
        Node notification = Node.of("notification", Node.attrs("from", Jid.phone(issuer.digits()), "sender_lid",
                Jid.user(issuer.lidUser(), Jid.LID_SERVER), "type", TokenNodes.NOTIFICATION_TYPE, "id", ids.get(),
                "t", Long.toString(clock.instant().getEpochSecond())),
                List.of(TokenNodes.delivery(Jid.phone(contact.digits()), t, now.token())));
        for (String device : directory.deviceJidsOf(Jid.phone(contact.digits()))) {
            router.deliver(device, notification);
        }
    }

    /** A phone sent a text: the chat exists, and its token goes to the contact once per bucket. */
    void phoneSent(Account phone, Account contact) {
        chats.add(key(phone, contact));
        Issued last = issued.get(key(phone, contact));
        Instant now = clock.instant();
        if (TokenBuckets.issueDue(last == null ? null : last.t(), now)) {
            issue(phone, contact, now);
        }
    }

    /** Whether a 1:1 message from {@code sender} to {@code contact} carrying {@code tctoken} (may be null) goes through. */
    boolean admits(Account sender, Account contact, byte[] tctoken) {
        if (!required || sender.equals(contact) || chats.contains(key(sender, contact))) {
            return true;
        }
        Issued token = issued.get(key(contact, sender));
        return token != null && tctoken != null && Arrays.equals(token.token(), tctoken)
                && !TokenBuckets.expired(token.t(), clock.instant());
    }

    /** The server accepted a 1:1 message from {@code sender} to {@code contact}: their chat exists. */
    void accepted(Account sender, Account contact) {
        chats.add(key(sender, contact));
    }

    /** When {@code issuer} last issued its token to {@code contact}, if ever. */
    Optional<Instant> issuedAt(Account issuer, Account contact) {
        return Optional.ofNullable(issued.get(key(issuer, contact))).map(Issued::t);
    }

    private byte[] newToken() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return b;
    }

    private static String key(Account from, Account to) {
        return from.digits() + ">" + to.digits();
    }
}
