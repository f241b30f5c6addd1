package dev.wabridge.wire.signal.store;

import dev.wabridge.wire.binary.Jid;

/**
 * One device of one WhatsApp user, as Signal addresses it: the user part of its JID with the
 * server ({@code 34600000001@s.whatsapp.net}, or a LID {@code 1234@lid}) and the device number.
 * Stored as {@code user@server:device}, so every device of one user shares the key prefix
 * {@link #userPrefix()} (a prefix delete of {@code 123@…:} never touches {@code 1234@…}).
 */
public record SignalAddress(String user, String server, int device) {
    public SignalAddress {
        if (user == null || user.isEmpty() || user.contains("@") || user.contains(":")) {
            throw new IllegalArgumentException("not a Signal user: " + user);
        }
        if (server == null || server.isEmpty() || server.contains(":")) {
            throw new IllegalArgumentException("not a WhatsApp server: " + server);
        }
        if (device < 0) {
            throw new IllegalArgumentException("device numbers are not negative");
        }
    }

    public static SignalAddress of(Jid jid) {
        return new SignalAddress(jid.user(), jid.server(), jid.device());
    }

    /** The key every device of {@code user@server} starts with. */
    public static String userPrefix(String user, String server) {
        return user + "@" + server + ":";
    }

    public String userPrefix() {
        return userPrefix(user, server);
    }

    public String key() {
        return userPrefix() + device;
    }

    public static SignalAddress parse(String key) {
        int at = key.indexOf('@');
        int colon = key.lastIndexOf(':');
        if (at <= 0 || colon < at) {
            throw new IllegalArgumentException("not a stored Signal address: " + key);
        }
        return new SignalAddress(key.substring(0, at), key.substring(at + 1, colon), Integer.parseInt(key.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return key();
    }
}
