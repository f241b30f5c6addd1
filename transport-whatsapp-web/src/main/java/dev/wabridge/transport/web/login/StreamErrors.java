package dev.wabridge.transport.web.login;

import dev.wabridge.transport.TransportEvent;
import dev.wabridge.transport.TransportEvent.DisconnectReason;
import dev.wabridge.transport.web.services.SessionServices;
import dev.wabridge.wire.binary.Node;

/**
 * {@code <stream:error>} (whatsmeow connectionevents.go handleStreamError), as
 * docs/protocol.md's table says: 515 restarts now; 401 with conflict {@code device_removed}
 * is a logout (keys wiped); conflict {@code replaced} or code 440 means another client took
 * this device, so the session stops and says so without fighting it; everything else,
 * a plain 401 included, drops the socket and reconnects with backoff (a device that really is
 * logged out then gets {@code <failure 401>} at login). {@code <xmlstreamend>} just closes.
 */
public final class StreamErrors {
    private final SessionServices session;

    public StreamErrors(SessionServices session) {
        this.session = session;
    }

    public void onStreamError(Node error) {
        String code = error.attr("code");
        String conflict = error.child("conflict").map(c -> c.attr("type")).orElse(null);
        if ("515".equals(code)) {
            session.emit(new TransportEvent.Disconnected(DisconnectReason.RESTART_REQUIRED, null, true));
            session.loginEnded();
            session.connection().restartNow();
        } else if ("401".equals(code) && "device_removed".equals(conflict)) {
            session.loggedOut("device removed (stream error 401)");
        } else if ("replaced".equals(conflict) || "440".equals(code)) {
            session.loginEnded();
            session.emit(new TransportEvent.Disconnected(DisconnectReason.REPLACED,
                    "another client took this session (stream error " + (code == null ? "conflict replaced" : code) + ")", false));
            session.connection().stop();
        } else {
            session.loginEnded(); // reported here; the close that follows must not report again
            session.emit(new TransportEvent.Disconnected("503".equals(code) ? DisconnectReason.SERVICE_UNAVAILABLE
                    : DisconnectReason.CONNECTION_LOST, "stream error " + code + (conflict == null ? "" : " conflict " + conflict), true));
            session.connection().closeSocket();
        }
    }

    public void onStreamEnd(Node end) {
        session.connection().closeSocket();
    }
}
