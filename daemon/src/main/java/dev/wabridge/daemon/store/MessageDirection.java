package dev.wabridge.daemon.store;

import java.util.Locale;

/** Which way a logged message went; stored and shown as "incoming" / "outgoing". */
public enum MessageDirection {
    INCOMING, OUTGOING;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MessageDirection fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return wire();
    }
}
