package dev.wabridge.daemon.store;

import java.util.Locale;

/**
 * Where a linked number stands. Stored, and shown to MCP clients, as the lowercase
 * {@link #wire()} name ("qr_pending", "connected", ...), which {@link #toString()} returns too
 * so messages read as before.
 */
public enum SessionStatus {
    QR_PENDING, CONNECTED, DISCONNECTED, LOGGED_OUT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SessionStatus fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return wire();
    }
}
