package dev.wabridge.daemon.store;

/** One accepted send; {@code scheduledId} links a scheduled message that became this send. */
public record OutboxRow(long id, long sessionId, String phone, String text, String messageId, OutboxStatus status,
                        boolean campaign, int creditsReserved, boolean archiveAfterSend, int attempts,
                        String lastError, Long scheduledId, String createdAt, String sentAt) {
}
