package dev.wabridge.transport;

import java.time.Instant;

/** What a transport session reports. */
public sealed interface TransportEvent {

    /** A QR string to show; it rotates, each valid until {@code expiresAt}. */
    record QrCode(String qr, Instant expiresAt) implements TransportEvent {
    }

    /** Logged in (after pairing or with stored credentials). */
    record Connected(String phone, String pushName) implements TransportEvent {
    }

    /** The connection ended; {@code willRetry}: the transport reconnects by itself. */
    record Disconnected(DisconnectReason reason, String detail, boolean willRetry) implements TransportEvent {
    }

    /** The device was unlinked (from the phone, or by logout); credentials are void. */
    record LoggedOut(String reason) implements TransportEvent {
    }

    /** A text message from someone. */
    record IncomingMessage(String messageId, String fromPhone, String pushName, String text, Instant timestamp) implements TransportEvent {
    }

    /**
     * A text this account sent from another of its devices (typed on the phone, or another
     * linked client): the daemon logs it as outgoing in that conversation.
     */
    record OwnMessageSent(String messageId, String toPhone, String text, Instant timestamp) implements TransportEvent {
    }

    /** A delivery or read receipt for a message we sent. */
    record Receipt(String messageId, String phone, ReceiptType type, Instant timestamp) implements TransportEvent {
    }

    enum ReceiptType { DELIVERED, READ }

    enum DisconnectReason {
        /** The user or daemon asked for it. */
        REQUESTED,
        /** Network trouble or the server closed the socket; reconnect with backoff. */
        CONNECTION_LOST,
        /** Server asked for a restart (stream error 515), e.g. right after pairing. */
        RESTART_REQUIRED,
        /** Another client took over this device (stream error conflict/replaced, 440). */
        REPLACED,
        /** The server is unavailable (503); retry later. */
        SERVICE_UNAVAILABLE,
        /** Pairing gave up: every QR ref expired without a scan. */
        QR_TIMEOUT,
        /**
         * The server refuses this client's WhatsApp Web version (failure 405) and no newer one
         * could be fetched: the session stays offline until the version is updated.
         */
        CLIENT_OUTDATED,
        /** The account is temporarily banned (failure 402); the detail names the code and until when. */
        TEMPORARILY_BANNED,
        /** The server refused the login for a reason retrying will not fix (failure 400, 409, 415, 418, 501, …). */
        LOGIN_REFUSED
    }
}
