package dev.wabridge.sandbox;

import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.privacy.TokenNodes;
import dev.wabridge.wire.routing.Iq;

import java.util.List;

/**
 * {@code <iq xmlns="privacy" type="set"><tokens><token jid t type="trusted_contact"/>…</tokens></iq>}:
 * a device issues its account's privacy token to contacts (whatsmeow tctoken.go
 * issuePrivacyToken; Baileys issuePrivacyTokens, several at once). Each contact named by phone
 * number or LID that is on the sandbox gets it ({@link TrustedContacts#issue}, stamped with the
 * request's {@code t}); other types and unknown users are skipped. The answer is an empty
 * result: whatsmeow reads nothing from it, and Baileys stores only a {@code <tokens>} child,
 * which it then lacks. No {@code <tokens>} is a 400.
 */
final class ServerPrivacyTokens {
    private final SandboxServer server;
    private final SandboxConnection connection;

    ServerPrivacyTokens(SandboxServer server, SandboxConnection connection) {
        this.server = server;
        this.connection = connection;
    }

    void onIssue(Node iq) {
        if (!connection.requireLogin(iq)) {
            return;
        }
        Account issuer = server.directory().accountOf(connection.device().jid());
        if (issuer == null || iq.child("tokens").isEmpty()) {
            connection.write(Iq.serverError(iq, 400, "bad-request"));
            return;
        }
        for (TokenNodes.Token token : TokenNodes.parse(iq)) {
            Account contact = token.jid() == null ? null : server.directory().accountOf(token.jid());
            if (contact != null && TokenNodes.TRUSTED_CONTACT.equals(token.type())) {
                server.trustedContacts().issue(issuer, contact, token.timestamp());
            }
        }
        connection.write(Iq.serverResult(iq, List.of()));
    }
}
