package dev.wabridge.daemon.resources;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wabridge.daemon.auth.Scopes;
import dev.wabridge.daemon.logs.MessageLog;
import dev.wabridge.daemon.outbox.SendLimitsView;
import dev.wabridge.daemon.sessions.SessionManager;
import dev.wabridge.daemon.store.MessageRow;
import dev.wabridge.daemon.store.SessionRow;
import dev.wabridge.rpc.auth.Principal;
import dev.wabridge.rpc.resources.ResourceContents;
import dev.wabridge.rpc.resources.ResourceDescriptor;
import dev.wabridge.rpc.resources.ResourceProvider;
import dev.wabridge.rpc.resources.ResourceTemplateDescriptor;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Each linked number's message log, conversations and status as MCP resources, readable with
 * the token's {@code read} scope (the scope of get_whatsapp_message_logs and
 * get_whatsapp_status): a token without it sees no resources and reads nothing. Clients
 * subscribe to them to hear of incoming messages, of outgoing messages moving (sent,
 * delivered, read, failed) and of the link changing (see McpChangePublisher). Contents are
 * JSON, the same shapes the tools return.
 */
public final class MessageResources implements ResourceProvider {
    static final String JSON = "application/json";
    /** Newest rows in a message-log resource; the cursor tools page through the rest. */
    static final int LOG_ROWS = 50;
    static final int CONVERSATION_ROWS = 100;
    /** Conversations listed per number (the template reaches every other one). */
    static final int LISTED_CONVERSATIONS = 20;

    private final SessionManager sessions;
    private final MessageLog log;
    private final ObjectMapper mapper;
    private final Clock clock;

    public MessageResources(SessionManager sessions, MessageLog log, ObjectMapper mapper, Clock clock) {
        this.sessions = sessions;
        this.log = log;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public List<ResourceDescriptor> list(Principal principal) {
        List<ResourceDescriptor> out = new ArrayList<>();
        if (!principal.has(Scopes.READ)) {
            return out;
        }
        for (SessionRow s : sessions.all()) {
            String number = s.phone() == null ? "session " + s.id() : s.phone();
            out.add(new ResourceDescriptor(MessageUris.status(s.id()), "status-" + s.id(), "WhatsApp link status of " + number,
                    "Session " + s.id() + " (" + s.label() + "): connected or not and why, and any WhatsApp send limit. "
                            + "Subscribe to hear when it changes.", JSON));
            out.add(new ResourceDescriptor(MessageUris.messages(s.id()), "messages-" + s.id(), "WhatsApp messages of " + number,
                    "The newest " + LOG_ROWS + " messages sent and received on session " + s.id() + " (" + s.label()
                            + "), newest first. Subscribe to hear of each incoming message.", JSON));
            for (String phone : log.recentPhones(s.id(), LISTED_CONVERSATIONS)) {
                out.add(new ResourceDescriptor(MessageUris.conversation(s.id(), phone), "conversation-" + s.id() + "-" + phone,
                        "Conversation of " + number + " with " + phone,
                        "The last " + CONVERSATION_ROWS + " messages with " + phone + ", oldest first.", JSON));
            }
        }
        return out;
    }

    @Override
    public List<ResourceTemplateDescriptor> templates(Principal principal) {
        if (!principal.has(Scopes.READ)) {
            return List.of();
        }
        return List.of(
                new ResourceTemplateDescriptor(MessageUris.MESSAGES_TEMPLATE, "messages", "WhatsApp message log of a linked number",
                        "Newest messages of a session (integer id from get_whatsapp_status).", JSON),
                new ResourceTemplateDescriptor(MessageUris.CONVERSATION_TEMPLATE, "conversation", "WhatsApp conversation with a phone",
                        "Messages of a session with one phone (E.164 with +), oldest first.", JSON),
                new ResourceTemplateDescriptor(MessageUris.STATUS_TEMPLATE, "status", "WhatsApp link status of a linked number",
                        "A session's status, its reason, and any WhatsApp send limit.", JSON));
    }

    @Override
    public Optional<ResourceContents> read(String uri, Principal principal) {
        Optional<MessageUris.Parsed> parsed = MessageUris.parse(uri);
        if (parsed.isEmpty() || !readable(parsed.get(), principal)) {
            return Optional.empty();
        }
        MessageUris.Parsed p = parsed.get();
        if (p.kind() == MessageUris.Kind.STATUS) {
            return status(uri, p.sessionId());
        }
        ObjectNode body = mapper.createObjectNode();
        body.put("session_id", p.sessionId());
        List<MessageRow> rows;
        if (p.kind() == MessageUris.Kind.MESSAGES) {
            // The cursor first: a message logged between the two reads is after it, never lost.
            body.put("next_since_id", log.lastId());
            rows = log.recent(null, p.sessionId(), Instant.EPOCH, LOG_ROWS);
        } else {
            body.put("phone", p.phone());
            rows = log.conversation(p.phone(), p.sessionId(), CONVERSATION_ROWS);
        }
        ArrayNode messages = body.putArray("messages");
        rows.forEach(r -> messages.add(message(r)));
        return Optional.of(new ResourceContents(uri, JSON, body.toString()));
    }

    /** The session as get_whatsapp_status shows it, plus whether its transport is connected now; deleted: status "deleted". */
    private Optional<ResourceContents> status(String uri, long id) {
        ObjectNode body = mapper.createObjectNode();
        body.put("session_id", id);
        Optional<SessionRow> row = sessions.all().stream().filter(s -> s.id() == id).findFirst();
        if (row.isEmpty()) {
            body.put("status", "deleted");
            return Optional.of(new ResourceContents(uri, JSON, body.toString()));
        }
        SessionRow s = row.get();
        body.put("label", s.label());
        body.put("status", s.status().wire());
        body.put("status_reason", s.statusReason());
        body.put("phone", s.phone());
        body.put("push_name", s.pushName());
        body.put("last_seen_at", s.lastSeenAt());
        body.put("transport_connected", sessions.isConnected(id));
        SendLimitsView.put(body, sessions.sendLimits(id), clock.instant());
        return Optional.of(new ResourceContents(uri, JSON, body.toString()));
    }

    @Override
    public boolean readable(String uri, Principal principal) {
        return MessageUris.parse(uri).filter(p -> readable(p, principal)).isPresent();
    }

    private boolean readable(MessageUris.Parsed p, Principal principal) {
        return principal.has(Scopes.READ) && (sessions.all().stream().anyMatch(s -> s.id() == p.sessionId()) || log.hasHistory(p.sessionId()));
    }

    private ObjectNode message(MessageRow e) {
        ObjectNode n = mapper.createObjectNode();
        n.put("id", e.id());
        n.put("message_id", e.messageId());
        n.put("direction", e.direction().wire());
        n.put("phone", e.phone());
        n.put("text", e.text());
        n.put("status", e.status().wire());
        n.put("timestamp", e.timestamp());
        return n;
    }
}
