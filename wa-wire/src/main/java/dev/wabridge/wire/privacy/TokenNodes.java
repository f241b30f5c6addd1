package dev.wabridge.wire.privacy;

import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code <tokens>} shapes of privacy tokens:
 * <ul>
 *   <li>issuing ours (whatsmeow tctoken.go issuePrivacyToken, Baileys messages-send.ts
 *       issuePrivacyTokens): {@code <iq xmlns="privacy" type="set" to="s.whatsapp.net"><tokens>
 *       <token jid="contact" t="unix seconds" type="trusted_contact"/>…</tokens></iq>}; whatsmeow
 *       ignores what the answer holds, Baileys stores any {@code <tokens>} in it as in a
 *       notification;</li>
 *   <li>receiving one (whatsmeow notification.go handlePrivacyTokenNotification, Baileys
 *       messages-recv.ts handlePrivacyTokenNotification): {@code <notification type="privacy_token"
 *       from="issuer" [sender_lid="issuer's LID"]><tokens><token jid t type="trusted_contact">bytes</token>…}.
 *       The token is the node's binary content; its {@code jid} names the receiver, not the
 *       issuer (Baileys tc-token-utils.ts), so the issuer is the notification's {@code from}.</li>
 * </ul>
 */
public final class TokenNodes {
    /** The IQ namespace of issuing. */
    public static final String XMLNS = "privacy";
    /** The notification type that brings a contact's token. */
    public static final String NOTIFICATION_TYPE = "privacy_token";
    /** The only token type there is (whatsmeow and Baileys skip any other). */
    public static final String TRUSTED_CONTACT = "trusted_contact";
    /** The message child that carries the recipient's token (whatsmeow send.go sendDM). */
    public static final String MESSAGE_CHILD = "tctoken";

    /** One {@code <token>}: {@code data} is empty in an issue request. */
    public record Token(Jid jid, Instant timestamp, String type, Optional<byte[]> data) {
    }

    private TokenNodes() {
    }

    /** The {@code <tokens>} child of an issue request: our token to each of {@code contacts}, stamped {@code t}. */
    public static Node issue(List<Jid> contacts, Instant t) {
        List<Node> tokens = new ArrayList<>();
        for (Jid contact : contacts) {
            tokens.add(Node.of("token", Node.attrs("jid", contact.toNonAd(), "t", Long.toString(t.getEpochSecond()),
                    "type", TRUSTED_CONTACT)));
        }
        return Node.of("tokens", Map.of(), tokens);
    }

    /** The {@code <tokens>} of a notification carrying {@code data}, issued at {@code t}, for {@code receiver}. */
    public static Node delivery(Jid receiver, Instant t, byte[] data) {
        return Node.of("tokens", Map.of(), List.of(Node.of("token", Node.attrs("jid", receiver.toNonAd(),
                "t", Long.toString(t.getEpochSecond()), "type", TRUSTED_CONTACT), data)));
    }

    /**
     * The tokens under {@code parent}'s {@code <tokens>} child (a notification, a request, an
     * answer); none when it has no such child. A token without a valid {@code jid} has a null
     * one; without a number in {@code t}, the epoch (which is always expired).
     */
    public static List<Token> parse(Node parent) {
        List<Token> out = new ArrayList<>();
        for (Node token : parent.child("tokens").map(t -> t.children("token")).orElse(List.of())) {
            byte[] bytes = token.bytes();
            Optional<byte[]> data = bytes == null || bytes.length == 0 ? Optional.empty() : Optional.of(bytes);
            out.add(new Token(token.jidIfValid("jid").orElse(null), seconds(token.attr("t")), token.attr("type"), data));
        }
        return out;
    }

    private static Instant seconds(String t) {
        try {
            return t == null ? Instant.EPOCH : Instant.ofEpochSecond(Long.parseLong(t));
        } catch (NumberFormatException e) {
            return Instant.EPOCH;
        }
    }
}
