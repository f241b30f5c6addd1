package dev.wabridge.daemon.store;

import java.util.Locale;

/**
 * Where an accepted send stands. QUEUED and SENDING are open (the sender still works on it;
 * SENDING comes back after a crash); SENT, FAILED and CANCELLED are final. Stored as the
 * lowercase {@link #wire()} name.
 */
public enum OutboxStatus {
    QUEUED, SENDING, SENT, FAILED, CANCELLED;

    public boolean isOpen() {
        return this == QUEUED || this == SENDING;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OutboxStatus fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return wire();
    }
}
