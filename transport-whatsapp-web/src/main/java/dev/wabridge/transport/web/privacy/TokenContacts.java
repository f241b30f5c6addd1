package dev.wabridge.transport.web.privacy;

import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.signal.store.LidMap;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which contact a privacy token belongs to and under which JID it is kept (whatsmeow
 * tctoken.go resolveTCTokenStorageLID and shouldSendTCTokenInChatAction; Baileys
 * tc-token-utils.ts resolveTcTokenJid and isRegularUser): a user's LID when the shared
 * phone⇄LID map knows it, else the JID as given, without device; and only regular users
 * have tokens: phone numbers and LIDs, not the PSA account ({@code 0}) nor Meta's bots.
 */
final class TokenContacts {
    /** WhatsApp's bot numbers (whatsmeow types/jid.go botUserRegex, Baileys BOT_PHONE_REGEX). */
    private static final Pattern BOT = Pattern.compile("^1313555\\d{4}$|^131655500\\d{2}$");
    /** The PSA ("WhatsApp" service announcements) account's user (whatsmeow types.PSAJID). */
    private static final String PSA = "0";

    private TokenContacts() {
    }

    static boolean regular(Jid jid) {
        if (jid == null || jid.user() == null || PSA.equals(jid.user())) {
            return false;
        }
        if (Jid.USER_SERVER.equals(jid.server())) {
            return !BOT.matcher(jid.user()).matches();
        }
        return Jid.LID_SERVER.equals(jid.server());
    }

    /** The JID a contact's token is kept under: the LID of a phone number when known. */
    static Jid storage(LidMap lids, Jid jid) {
        Jid user = jid.toNonAd();
        if (Jid.USER_SERVER.equals(user.server())) {
            return lids.lidFor(user.user()).map(lid -> Jid.user(lid, Jid.LID_SERVER)).orElse(user);
        }
        return user;
    }

    /**
     * The contact's other form (the phone number of a LID, the LID of a phone number), where
     * a token may have been kept before the mapping was known (whatsmeow's GetPrivacyToken
     * looks under both).
     */
    static Optional<Jid> other(LidMap lids, Jid storage) {
        if (Jid.LID_SERVER.equals(storage.server())) {
            return lids.phoneFor(storage.user()).map(Jid::phone);
        }
        if (Jid.USER_SERVER.equals(storage.server())) {
            return lids.lidFor(storage.user()).map(lid -> Jid.user(lid, Jid.LID_SERVER));
        }
        return Optional.empty();
    }
}
