package dev.wabridge.daemon.sessions;

/** A linked number as stored. */
public record SessionRow(long id, String label, String status, String statusReason, boolean autoConnect,
                         String phone, String pushName, String qr, String qrExpiresAt,
                         String profileName, String profileAbout, String profileDescription, boolean profileHasPicture,
                         String createdAt, String lastSeenAt) {
    public static final String QR_PENDING = "qr_pending";
    public static final String CONNECTED = "connected";
    public static final String DISCONNECTED = "disconnected";
    public static final String LOGGED_OUT = "logged_out";
}
