package dev.wabridge.daemon.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wabridge.daemon.store.MessageRow;
import dev.wabridge.daemon.store.OptOut;
import dev.wabridge.daemon.store.ScheduledMessage;
import dev.wabridge.daemon.store.SessionRow;
import dev.wabridge.daemon.templates.TemplateService;
import dev.wabridge.transport.Profile;

import java.util.Collection;
import java.util.function.Function;

/** The JSON shapes of tool results (they match tools.json's output schemas). */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ObjectNode session(SessionRow s) {
        ObjectNode n = object();
        n.put("session_id", s.id());
        n.put("label", s.label());
        n.put("status", s.status().wire());
        n.put("phone", s.phone());
        n.put("push_name", s.pushName());
        n.put("created_at", s.createdAt());
        n.put("last_seen_at", s.lastSeenAt());
        n.put("status_reason", s.statusReason());
        return n;
    }

    static ObjectNode message(MessageRow e) {
        ObjectNode n = object();
        n.put("id", e.id());
        n.put("message_id", e.messageId());
        n.put("session_id", e.sessionId());
        n.put("direction", e.direction().wire());
        n.put("phone", e.phone());
        n.put("text", e.text());
        n.put("status", e.status().wire());
        n.put("timestamp", e.timestamp());
        n.put("error", e.error());
        return n;
    }

    static ObjectNode scheduled(ScheduledMessage m) {
        ObjectNode n = object();
        n.put("id", m.id());
        n.put("session_id", m.sessionId());
        n.put("phone", m.phone());
        n.put("message_text", m.text());
        n.put("template", m.template());
        n.put("scheduled_at", m.scheduledAt());
        n.put("status", m.status().wire());
        n.put("created_at", m.createdAt());
        n.put("message_id", m.messageId());
        n.put("error", m.error());
        return n;
    }

    static ObjectNode template(TemplateService.Template t) {
        ObjectNode n = object();
        n.put("id", t.id());
        n.put("name", t.name());
        n.put("category", t.category());
        n.put("body", t.body());
        ArrayNode p = n.putArray("placeholders");
        t.placeholders().forEach(p::add);
        n.put("created_at", t.createdAt());
        n.put("updated_at", t.updatedAt());
        return n;
    }

    static ObjectNode optout(OptOut o) {
        ObjectNode n = object();
        n.put("phone", o.phone());
        n.put("reason", o.reason());
        n.put("source", o.source());
        n.put("created_at", o.createdAt());
        return n;
    }

    static ObjectNode profile(long sessionId, Profile p) {
        ObjectNode n = object();
        n.put("session_id", sessionId);
        n.put("phone", p.phone());
        n.put("name", p.name());
        n.put("status", p.about());
        n.put("description", p.businessDescription());
        n.put("has_picture", p.hasPicture());
        return n;
    }

    static <T> ArrayNode array(ObjectNode parent, String name, Collection<T> items, Function<T, ObjectNode> f) {
        ArrayNode a = parent.putArray(name);
        items.forEach(i -> a.add(f.apply(i)));
        return a;
    }
}
