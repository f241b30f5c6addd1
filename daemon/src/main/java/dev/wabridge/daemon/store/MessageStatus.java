package dev.wabridge.daemon.store;

import java.util.Locale;

/**
 * A message-log row's status. Outgoing: queued, sending, sent, then delivered and read from
 * receipts (never backwards), or failed / cancelled. Incoming: received. Stored and shown as
 * the lowercase {@link #wire()} name.
 */
public enum MessageStatus {
    QUEUED, SENDING, SENT, DELIVERED, READ, FAILED, CANCELLED, RECEIVED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MessageStatus fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return wire();
    }
}
