package dev.wabridge.transport.web.messages;

import dev.wabridge.wire.binary.Jid;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The texts we sent lately, by message id, so a device that could not decrypt one can get it
 * again (whatsmeow keeps the same kind of cache, recentMessagesMap, for retry receipts). In
 * memory and bounded: a retry for an older message, or one after a restart, cannot be
 * answered, as with whatsmeow's default. Owned by the session's actor thread.
 */
public final class RecentMessages {
    static final int CAPACITY = 500;

    /** What was sent: the chat and the text. */
    public record Sent(Jid to, String text) {
    }

    private final Map<String, Sent> byId = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Sent> eldest) {
            return size() > CAPACITY;
        }
    };

    public void remember(String id, Jid to, String text) {
        byId.put(id, new Sent(to, text));
    }

    public Optional<Sent> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }
}
