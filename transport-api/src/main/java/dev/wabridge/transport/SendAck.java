package dev.wabridge.transport;

import java.time.Instant;

/** The server acknowledged a message: it has it and will deliver it. */
public record SendAck(String messageId, Instant serverTimestamp) {
}
