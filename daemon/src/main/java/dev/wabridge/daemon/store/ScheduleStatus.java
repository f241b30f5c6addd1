package dev.wabridge.daemon.store;

import java.util.Locale;

/**
 * A scheduled message's status: pending until the server acks its send (also while it waits
 * in the outbox), then sent, or failed / cancelled with the reason. Stored and shown as the
 * lowercase {@link #wire()} name.
 */
public enum ScheduleStatus {
    PENDING, SENT, FAILED, CANCELLED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ScheduleStatus fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return wire();
    }
}
