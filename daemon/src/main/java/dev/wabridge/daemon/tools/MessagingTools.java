package dev.wabridge.daemon.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wabridge.daemon.errors.UserError;
import dev.wabridge.daemon.outbox.SendService;
import dev.wabridge.daemon.phone.PhoneNumbers;
import dev.wabridge.daemon.store.MessageDirection;
import dev.wabridge.daemon.store.MessageRow;
import dev.wabridge.daemon.store.OutboxStatus;
import dev.wabridge.daemon.templates.TemplateService;
import dev.wabridge.rpc.tools.ToolHandler;
import dev.wabridge.rpc.tools.ToolResult;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** send, archive, message logs, conversation history. */
final class MessagingTools {
    private final Services s;

    MessagingTools(Services s) {
        this.s = s;
    }

    /** The text to send: the message, or the template filled with variables (exactly one of them). */
    static String text(Services s, Args a, String messageField) {
        boolean hasMessage = a.has(messageField);
        boolean hasTemplate = a.has("template");
        if (hasMessage == hasTemplate) {
            throw new UserError("Pass either " + messageField + " or template (with variables), not " + (hasMessage ? "both" : "neither"));
        }
        if (hasMessage) {
            if (a.has("variables")) {
                throw new UserError("variables only go with template");
            }
            return a.string(messageField);
        }
        // render measures the filled length before it builds anything (issue 11: one request took the heap)
        return TemplateService.render(s.templates().require(a.string("template")), a.stringMap("variables"));
    }

    /**
     * The polling cursor: rows after {@code since_id}, oldest first, and the id to pass next.
     * Row ids grow in commit order, so a client that always passes back next_since_id sees
     * each message exactly once. {@code hours} does not apply: the cursor is the filter.
     */
    private ToolResult sinceCursor(Args a, MessageDirection only, String filtered) {
        long since = a.longValue("since_id");
        long newest = s.log().lastId();
        if (since > newest) {
            throw new UserError("since_id " + since + " is past the newest logged message (" + newest
                    + "); pass a next_since_id this tool returned, or 0 for the whole log");
        }
        List<MessageRow> entries = s.log().after(since, only, a.longValue("session_id"), null, a.intOr("limit", 50));
        long next = entries.isEmpty() ? since : entries.getLast().id();
        ObjectNode out = Json.object();
        Json.array(out, "messages", entries, Json::message);
        out.put("count", entries.size());
        out.put("next_since_id", next);
        return ToolResult.ok(entries.size() + " message(s) after id " + since + filtered + ", oldest first; next since_id " + next, out);
    }

    void register(Map<String, ToolHandler> h) {
        h.put("archive_whatsapp_chat", call -> {
            Args a = new Args(call.arguments());
            String phone = PhoneNumbers.require(a.string("phone"));
            boolean archived = a.bool("archived", true);
            long id = s.sessions().archiveChat(a.longValue("session_id"), phone, archived);
            ObjectNode out = Json.object();
            out.put("session_id", id);
            out.put("phone", phone);
            out.put("archived", archived);
            return ToolResult.ok((archived ? "Archived" : "Unarchived") + " the chat with " + phone + " (session " + id + ")", out);
        });
        h.put("send_whatsapp_message", call -> {
            Args a = new Args(call.arguments());
            String text = text(s, a, "message");
            SendService.Outcome o = s.send().send(new SendService.Request(a.longValue("session_id"), a.string("phone"), text,
                    a.bool("campaign", false), a.bool("archive_after_send", false), null), Duration.ofSeconds(a.intOr("wait_seconds", 10)));
            ObjectNode out = Json.object();
            out.put("outbox_id", o.outboxId());
            out.put("message_id", o.messageId());
            out.put("session_id", o.sessionId());
            out.put("phone", o.phone());
            out.put("status", o.status().wire());
            out.put("sent_at", o.sentAt() == null ? null : o.sentAt().toString());
            out.put("queue_position", o.queuePosition());
            out.put("expected_send_at", o.expectedSendAt() == null ? null : o.expectedSendAt().toString());
            out.put("credits_reserved", o.creditsReserved());
            out.put("error", o.error());
            out.put("note", o.note());
            String summary = switch (o.status()) {
                case SENT -> "Sent to " + o.phone() + " (WhatsApp id " + o.messageId() + "), acknowledged by the server at " + o.sentAt()
                        + "; " + o.creditsReserved() + " credits charged";
                case QUEUED -> "Queued for " + o.phone() + " at position " + o.queuePosition() + "; expected to leave at "
                        + o.expectedSendAt() + " (one message per " + s.sessions().sendInterval().toSeconds() + " s per session)"
                        + (o.note() == null ? "" : "; " + o.note()) + ". It is stored and will be sent; check get_whatsapp_message_logs";
                default -> "Not sent to " + o.phone() + ": " + o.error();
            };
            return new ToolResult(summary, out, List.of(), o.status() == OutboxStatus.FAILED);
        });
        h.put("get_whatsapp_message_logs", call -> {
            Args a = new Args(call.arguments());
            String direction = a.string("direction");
            if (a.has("session_id")) {
                s.sessions().requireKnown(a.longValue("session_id"));
            }
            MessageDirection only = direction == null || direction.equals("all") ? null : MessageDirection.fromWire(direction);
            String filtered = direction == null || direction.equals("all") ? "" : " (" + direction + ")";
            if (a.has("since_id")) {
                return sinceCursor(a, only, filtered);
            }
            int hours = a.intOr("hours", 24);
            // Taken before the query: a message logged meanwhile is after this cursor, so the
            // next poll with it gets that message (possibly again, never missed).
            long newest = s.log().lastId();
            List<MessageRow> entries = s.log().recent(only, a.longValue("session_id"),
                    s.time().now().minus(Duration.ofHours(hours)), a.intOr("limit", 50));
            ObjectNode out = Json.object();
            Json.array(out, "messages", entries, Json::message);
            out.put("count", entries.size());
            out.put("next_since_id", newest);
            return ToolResult.ok(entries.size() + " message(s) in the last " + hours + " h" + filtered
                    + "; poll with since_id " + newest + " for newer ones", out);
        });
        h.put("get_whatsapp_conversation_history", call -> {
            Args a = new Args(call.arguments());
            String phone = PhoneNumbers.require(a.string("phone"));
            Long sessionId = a.longValue("session_id");
            if (sessionId != null) {
                s.sessions().requireKnown(sessionId);
            }
            List<MessageRow> entries = s.log().conversation(phone, sessionId, a.intOr("limit", 100));
            ObjectNode out = Json.object();
            out.put("phone", phone);
            Json.array(out, "messages", entries, Json::message);
            out.put("count", entries.size());
            return ToolResult.ok(entries.size() + " message(s) with " + phone + ", oldest first", out);
        });
    }
}
