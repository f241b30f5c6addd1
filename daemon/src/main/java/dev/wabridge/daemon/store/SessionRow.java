package dev.wabridge.daemon.store;

/** A linked number as stored; timestamps are the stored ISO-8601 text. */
public record SessionRow(long id, String label, SessionStatus status, String statusReason, boolean autoConnect,
                         String phone, String pushName, String qr, String qrExpiresAt,
                         String profileName, String profileAbout, String profileDescription, boolean profileHasPicture,
                         String createdAt, String lastSeenAt) {
}
