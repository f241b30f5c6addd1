package dev.wabridge.daemon.resources;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The URIs of the message resources: {@code whatsapp://sessions/{id}/messages} (a linked
 * number's message log) and {@code whatsapp://sessions/{id}/conversations/{phone}} (its
 * conversation with one phone, E.164 with the +). One place builds and parses them, so the
 * publisher and the reader always agree.
 */
public final class MessageUris {
    public static final String MESSAGES_TEMPLATE = "whatsapp://sessions/{session_id}/messages";
    public static final String CONVERSATION_TEMPLATE = "whatsapp://sessions/{session_id}/conversations/{phone}";
    private static final Pattern PATTERN = Pattern.compile("whatsapp://sessions/([1-9][0-9]{0,9})/(?:messages|conversations/(\\+[1-9][0-9]{6,14}))");

    /** A parsed URI: the session, and the phone for a conversation (null for the message log). */
    public record Parsed(long sessionId, String phone) {
    }

    private MessageUris() {
    }

    public static String messages(long sessionId) {
        return "whatsapp://sessions/" + sessionId + "/messages";
    }

    public static String conversation(long sessionId, String phone) {
        return "whatsapp://sessions/" + sessionId + "/conversations/" + phone;
    }

    public static Optional<Parsed> parse(String uri) {
        Matcher m = PATTERN.matcher(uri);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(Long.parseLong(m.group(1)), m.group(2)));
    }
}
