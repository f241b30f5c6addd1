package dev.wabridge.daemon.store;

/** Someone a session heard from, with the push name they last showed (null when never shown). */
public record Contact(long sessionId, String phone, String pushName, String updatedAt) {
}
