package dev.wabridge.daemon.outbox;

/** One accepted send. */
public record OutboxRow(long id, long sessionId, String phone, String text, String messageId, String status,
                        boolean campaign, int creditsReserved, boolean archiveAfterSend, int attempts,
                        String lastError, Long scheduledId, String createdAt, String sentAt) {
}
