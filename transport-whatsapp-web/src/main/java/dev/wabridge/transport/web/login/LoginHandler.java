package dev.wabridge.transport.web.login;

import dev.wabridge.transport.TransportEvent;
import dev.wabridge.transport.TransportEvent.DisconnectReason;
import dev.wabridge.transport.web.services.SessionServices;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.signal.store.SignalStores;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The server's answer to our login (whatsmeow connectionevents.go handleConnectSuccess,
 * handleConnectFailure; the codes of types/events/events.go ConnectFailureReason).
 * {@code <success>} makes the session connected and announces us active ({@code passive}
 * IQ). {@code <failure>}, as docs/protocol.md's table says: 401/403/406 void the credentials;
 * 405 goes to the version check; 402 is a temporary ban (its code and expiry reported, no
 * login before it ends); 500 and 503 are retried with backoff; every other reason (400, 409,
 * 415, 418, 501, …) stops the session with the reason, as whatsmeow stops reconnecting.
 */
public final class LoginHandler {
    /** What a 405 does: the version check, which may retry once with a newer version. */
    public interface OutdatedHandler {
        void onClientOutdated();
    }

    private final SessionServices session;
    /** What runs once logged in (the prekey check); its failures are its own to report. */
    private final Runnable afterLogin;
    private final OutdatedHandler outdated;

    public LoginHandler(SessionServices session) {
        this(session, () -> { });
    }

    public LoginHandler(SessionServices session, Runnable afterLogin) {
        this(session, afterLogin, () -> {
            session.connection().stop();
            session.emit(new TransportEvent.Disconnected(DisconnectReason.CLIENT_OUTDATED,
                    "client version refused (failure 405); update the WhatsApp Web version", false));
        });
    }

    public LoginHandler(SessionServices session, Runnable afterLogin, OutdatedHandler outdated) {
        this.session = session;
        this.afterLogin = afterLogin;
        this.outdated = outdated;
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
        String reason = failure.attr("reason") == null ? "" : failure.attr("reason");
        switch (reason) {
            case "401", "406" -> session.loggedOut("the server refused the login (failure " + reason + ")");
            case "403" -> session.loggedOut("the server refused the login (failure 403" + logoutMessage(failure) + ")");
            case "405" -> outdated.onClientOutdated();
            case "402" -> temporaryBan(failure);
            case "500", "503" -> {
                session.emit(new TransportEvent.Disconnected(DisconnectReason.SERVICE_UNAVAILABLE, "login failure " + reason, true));
                session.connection().closeSocket();
            }
            default -> {
                session.connection().stop();
                session.emit(new TransportEvent.Disconnected(DisconnectReason.LOGIN_REFUSED, "login failure " + reason
                        + (failure.attr("message") == null ? "" : ": " + failure.attr("message")), false));
            }
        }
    }

    /** 402: {@code code} names why (events.TempBanReason), {@code expire} is in seconds from now. */
    private void temporaryBan(Node failure) {
        long expire = number(failure.attr("expire"));
        String code = failure.attr("code") == null ? "unknown" : failure.attr("code");
        if (expire <= 0) {
            session.connection().stop();
            session.emit(new TransportEvent.Disconnected(DisconnectReason.TEMPORARILY_BANNED, "code " + code + ", no expiry given", false));
            return;
        }
        Instant until = session.clock().instant().plusSeconds(expire);
        session.connection().pauseFor(Duration.ofSeconds(expire));
        session.emit(new TransportEvent.Disconnected(DisconnectReason.TEMPORARILY_BANNED,
                "code " + code + " until " + until + "; logging in again then", true));
    }

    private static String logoutMessage(Node failure) {
        String header = failure.attr("logout_message_header");
        String subtext = failure.attr("logout_message_subtext");
        return (header == null ? "" : ": " + header) + (subtext == null ? "" : " " + subtext);
    }

    private static long number(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
