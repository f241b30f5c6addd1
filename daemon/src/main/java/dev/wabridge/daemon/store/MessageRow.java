package dev.wabridge.daemon.store;

/** One message-log row, either direction; {@code timestamp} is when it was sent (outgoing) or stored. */
public record MessageRow(long id, String messageId, long sessionId, MessageDirection direction, String phone, String text,
                         MessageStatus status, String timestamp, String error) {
}
