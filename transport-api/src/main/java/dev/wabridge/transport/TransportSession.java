package dev.wabridge.transport;

import java.time.Instant;
import java.util.Optional;

import java.util.concurrent.CompletableFuture;

/**
 * One linked WhatsApp number on the wire. Methods return at once; results and failures
 * arrive on the futures and as {@link TransportEvent}s.
 */
public interface TransportSession {
    /**
     * Connects: logs in with the stored credentials, or starts pairing (then {@link
     * TransportEvent.QrCode} events arrive until a phone scans one or the refs run out).
     */
    void connect();

    /**
     * Linking by phone number instead of a QR code: after {@link #connect()}, while QR codes
     * are shown, asks WhatsApp for an 8-character code ({@code ABCD-EFGH}) that the owner of
     * {@code phone} (E.164) types on the phone under Linked devices &gt; Link with phone number.
     * The session then pairs as after a scan. Fails when the transport cannot link this way.
     */
    default CompletableFuture<String> pairingCode(String phone) {
        return CompletableFuture.failedFuture(new TransportException("this transport cannot link by phone number", false));
    }

    /**
     * A fresh message id in WhatsApp's format. The daemon stores it in its outbox before
     * sending, so a resend after a crash reuses it and the recipient sees one message.
     */
    String newMessageId();

    /**
     * Sends a text to a phone (E.164 with +). Completes with the server's ack, or fails with
     * {@link TransportException} (its {@code retryable} says whether to try again later).
     */
    CompletableFuture<SendAck> sendText(String messageId, String phone, String text);

    /** Archives (or unarchives) the chat with a phone (app-state patch). */
    CompletableFuture<Void> archiveChat(String phone, boolean archived);

    CompletableFuture<Profile> profile();

    /** Changes the non-null fields. */
    CompletableFuture<Profile> updateProfile(ProfileUpdate update);

    /** Sets the profile picture; {@code jpeg} is a square JPEG (the daemon converts). */
    CompletableFuture<Profile> updateProfilePicture(byte[] jpeg);

    /** Closes the connection and keeps the credentials (reconnect later without a QR). */
    void disconnect();

    /** Unlinks this device from the account; the daemon then wipes the key store. */
    CompletableFuture<Void> logout();

    boolean isConnected();

    /**
     * When the last stanza of any kind arrived from the server (a pong counts), or empty when
     * none did on this connection or the transport cannot tell. A connected session that has
     * heard nothing for long is "connected but deaf": its socket looks up, nothing comes in.
     */
    default Optional<Instant> lastInbound() {
        return Optional.empty();
    }

    /** Disconnects and releases the session's threads; the object is not used again. */
    default void close() {
        disconnect();
    }
}
