package dev.wabridge.transport.web.login;

import dev.wabridge.transport.TransportEvent;
import dev.wabridge.transport.TransportEvent.DisconnectReason;
import dev.wabridge.transport.web.services.SessionServices;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.signal.store.SignalStores;

import java.util.List;

/**
 * The server's answer to our login (whatsmeow connectionevents.go handleConnectSuccess,
 * handleConnectFailure): {@code <success>} makes the session connected and announces us
 * active ({@code passive} IQ); {@code <failure>} 401/403/406 means the credentials are void,
 * 405 means this client version is refused, and any other reason is retried with backoff.
 */
public final class LoginHandler {
    private final SessionServices session;
    /** What runs once logged in (the prekey check); its failures are its own to report. */
    private final Runnable afterLogin;

    public LoginHandler(SessionServices session) {
        this(session, () -> { });
    }

    public LoginHandler(SessionServices session, Runnable afterLogin) {
        this.session = session;
        this.afterLogin = afterLogin;
    }

    public void onSuccess(Node success) {
        if (!session.connection().wanted()) {
            session.connection().closeSocket();
            return;
        }
        // As whatsmeow's sendPassiveIQ(false) at connect: nothing waits for the answer.
        session.request("set", "passive", List.of(Node.of("active")));
        rememberOwnLid(success);
        session.loggedIn(success.attr("pushname"));
        afterLogin.run();
    }

    /** {@code <success lid="…@lid">}: our own account's LID, for the shared phone⇄LID map. */
    private void rememberOwnLid(Node success) {
        try {
            Jid own = session.credentials().jid();
            success.jid("lid").filter(lid -> own != null && Jid.LID_SERVER.equals(lid.server()))
                    .ifPresent(lid -> new SignalStores(session.keys()).lids().put(own.user(), lid.user()));
        } catch (IllegalArgumentException malformed) {
            // no usable LID: nothing to remember
        }
    }

    public void onFailure(Node failure) {
        String reason = failure.attr("reason");
        switch (reason == null ? "" : reason) {
            case "401", "403", "406" -> session.loggedOut("the server refused the login (failure " + reason + ")");
            case "405" -> {
                session.connection().stop();
                session.emit(new TransportEvent.Disconnected(DisconnectReason.SERVICE_UNAVAILABLE,
                        "client version refused (failure 405); update wabridge", false));
            }
            default -> {
                session.emit(new TransportEvent.Disconnected(DisconnectReason.SERVICE_UNAVAILABLE, "login failure " + reason, true));
                session.connection().closeSocket();
            }
        }
    }
}
