package dev.wabridge.daemon.scheduler;

/** A message to send later. */
public record ScheduledMessage(long id, long sessionId, String phone, String text, String template, boolean campaign,
                               String scheduledAt, String status, Long outboxId, String messageId, String error, String createdAt) {
}
