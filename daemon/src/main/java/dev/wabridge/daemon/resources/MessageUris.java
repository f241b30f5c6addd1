package dev.wabridge.daemon.resources;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The URIs of a linked number's resources: {@code whatsapp://sessions/{id}/messages} (its
 * message log), {@code whatsapp://sessions/{id}/conversations/{phone}} (its conversation with
 * one phone, E.164 with the +) and {@code whatsapp://sessions/{id}/status} (its link status and
 * send limits). One place builds and parses them, so the publisher and the reader always agree.
 */
public final class MessageUris {
    public static final String MESSAGES_TEMPLATE = "whatsapp://sessions/{session_id}/messages";
    public static final String CONVERSATION_TEMPLATE = "whatsapp://sessions/{session_id}/conversations/{phone}";
    public static final String STATUS_TEMPLATE = "whatsapp://sessions/{session_id}/status";
    private static final Pattern PATTERN = Pattern.compile(
            "whatsapp://sessions/([1-9][0-9]{0,9})/(?:(messages)|(status)|conversations/(\\+[1-9][0-9]{6,14}))");

    /** What a URI names. */
    public enum Kind { MESSAGES, CONVERSATION, STATUS }

    /** A parsed URI: the session, what it names, and the phone of a conversation (null otherwise). */
    public record Parsed(long sessionId, Kind kind, String phone) {
    }

    private MessageUris() {
    }

    public static String messages(long sessionId) {
        return "whatsapp://sessions/" + sessionId + "/messages";
    }

    public static String conversation(long sessionId, String phone) {
        return "whatsapp://sessions/" + sessionId + "/conversations/" + phone;
    }

    public static String status(long sessionId) {
        return "whatsapp://sessions/" + sessionId + "/status";
    }

    public static Optional<Parsed> parse(String uri) {
        Matcher m = PATTERN.matcher(uri);
        if (!m.matches()) {
            return Optional.empty();
        }
        long id = Long.parseLong(m.group(1));
        Kind kind = m.group(2) != null ? Kind.MESSAGES : m.group(3) != null ? Kind.STATUS : Kind.CONVERSATION;
        return Optional.of(new Parsed(id, kind, m.group(4)));
    }
}
