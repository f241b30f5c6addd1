package dev.wabridge.transport.web.appstate;

import dev.wabridge.transport.TransportException;
import dev.wabridge.wire.appstate.AppStateException;

import java.util.HexFormat;
import java.util.concurrent.CompletionException;

/**
 * What the caller of an app-state operation is told when it fails: wa-wire's
 * {@link AppStateException} and the protocol's refusals as {@link TransportException}s whose
 * message says what is missing and whether trying later can help.
 */
final class AppStateFailures {
    private AppStateFailures() {
    }

    static TransportException noKeyYet() {
        return new TransportException("the phone has not shared its app-state key with this linked device yet (it does so "
                + "shortly after linking); chat changes such as archiving need it, try again in a moment", true);
    }

    static TransportException of(String collection, AppStateException e) {
        return switch (e.kind()) {
            case MISSING_KEY -> new TransportException("the app state " + collection + " uses key "
                    + HexFormat.of().formatHex(e.keyId()) + ", which the phone has not shared with this linked device", true);
            case BAD_MAC -> new TransportException("the app state " + collection + " from WhatsApp does not verify ("
                    + e.getMessage() + ")", true);
            case MALFORMED -> new TransportException("the app state " + collection + " from WhatsApp cannot be read ("
                    + e.getMessage() + ")", false);
        };
    }

    static TransportException snapshot(String collection) {
        return new TransportException("WhatsApp sent the app state " + collection + " as a snapshot on its media servers, "
                + "which this build cannot download yet", false);
    }

    static TransportException refused(String collection, int code) {
        return new TransportException("WhatsApp refused the change to the app state " + collection + " (error " + code + ")",
                code >= 500 || code == 409);
    }

    /** The cause inside a {@link CompletionException}. */
    static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException ce && ce.getCause() != null ? ce.getCause() : t;
    }
}
