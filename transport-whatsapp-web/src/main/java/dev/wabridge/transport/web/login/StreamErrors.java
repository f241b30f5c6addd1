package dev.wabridge.transport.web.login;

import dev.wabridge.transport.TransportEvent;
import dev.wabridge.transport.TransportEvent.DisconnectReason;
import dev.wabridge.transport.web.services.SessionServices;
import dev.wabridge.wire.binary.Node;

/**
 * {@code <stream:error>} (whatsmeow connectionevents.go handleStreamError): 515 restart now;
 * 401 or conflict {@code device_removed} is a logout; any other conflict ({@code replaced}:
 * another client took this device) stops without fighting it; 503 and the rest reconnect with
 * backoff. {@code <xmlstreamend>} just closes the socket.
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
        } else if ("401".equals(code) || "device_removed".equals(conflict)) {
            session.loggedOut("device removed (stream error " + (code == null ? "conflict" : code) + ")");
        } else if (conflict != null) {
            session.loginEnded();
            session.emit(new TransportEvent.Disconnected(DisconnectReason.REPLACED, "conflict " + conflict, false));
            session.connection().stop();
        } else {
            session.loginEnded(); // reported here; the close that follows must not report again
            session.emit(new TransportEvent.Disconnected("503".equals(code) ? DisconnectReason.SERVICE_UNAVAILABLE
                    : DisconnectReason.CONNECTION_LOST, "stream error " + code, true));
            session.connection().closeSocket();
        }
    }

    public void onStreamEnd(Node end) {
        session.connection().closeSocket();
    }
}
