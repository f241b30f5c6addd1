package dev.wabridge.transport.web.appstate;

import dev.wabridge.transport.TransportException;
import dev.wabridge.transport.web.media.MediaTooLargeException;
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
                    + e.getMessage() + "); nothing of it was stored", true);
            case MALFORMED -> new TransportException("the app state " + collection + " from WhatsApp cannot be read ("
                    + e.getMessage() + ")", false);
        };
    }

    static TransportException unexpectedSnapshot(String collection) {
        // whatsmeow fetchAppState refuses it the same way: a snapshot replaces a state we did not drop
        return new TransportException("WhatsApp answered a sync of the app state " + collection
                + " with a snapshot it was not asked for", true);
    }

    /** A blob of the answer could not be had from the media servers ({@code what}: "snapshot", "mutations of v7"). */
    static TransportException download(String collection, String what, Throwable cause) {
        return new TransportException("the " + what + " of the app state " + collection
                + " could not be downloaded from WhatsApp's media servers (" + cause.getMessage() + ")", !tooLarge(cause));
    }

    private static boolean tooLarge(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof MediaTooLargeException) {
                return true;
            }
        }
        return false;
    }

    static TransportException tooLarge(String collection, String what, long bytes, long limit) {
        return new TransportException("the " + what + " of the app state " + collection + " has " + bytes
                + " bytes on WhatsApp's media servers, above this build's limit of " + limit + " bytes; it was not downloaded", false);
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
