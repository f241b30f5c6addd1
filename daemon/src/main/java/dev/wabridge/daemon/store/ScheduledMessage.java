package dev.wabridge.daemon.store;

/**
 * A message to send later. {@code outboxId} is set once it was handed to the outbox, and
 * {@code messageId} is then that send's WhatsApp id.
 */
public record ScheduledMessage(long id, long sessionId, String phone, String text, String template, boolean campaign,
                               String scheduledAt, ScheduleStatus status, Long outboxId, String messageId, String error,
                               String createdAt) {
}
