package dev.wabridge.daemon.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wabridge.daemon.store.ScheduleStatus;
import dev.wabridge.daemon.store.ScheduledMessage;
import dev.wabridge.rpc.tools.ToolHandler;
import dev.wabridge.rpc.tools.ToolResult;

import java.util.List;
import java.util.Map;

/** create, list, cancel scheduled messages. */
final class ScheduleTools {
    private final Services s;

    ScheduleTools(Services s) {
        this.s = s;
    }

    void register(Map<String, ToolHandler> h) {
        h.put("create_scheduled_message", call -> {
            Args a = new Args(call.arguments());
            String text = MessagingTools.text(s, a, "message_text");
            ScheduledMessage m = s.scheduler().create(a.longValue("session_id"), a.string("phone"), text, a.string("template"),
                    a.bool("campaign", false), a.string("scheduled_at"));
            return ToolResult.ok("Scheduled message " + m.id() + " to " + m.phone() + " for " + m.scheduledAt() + " UTC (from '"
                    + a.string("scheduled_at") + "', zone " + s.scheduler().zone() + ")", Json.scheduled(m));
        });
        h.put("list_scheduled_messages", call -> {
            Args a = new Args(call.arguments());
            String status = a.has("status") ? a.string("status") : "pending";
            if (a.has("session_id")) {
                s.sessions().requireKnown(a.longValue("session_id"));
            }
            ScheduleStatus only = status.equals("all") ? null : ScheduleStatus.fromWire(status);
            List<ScheduledMessage> list = s.scheduler().list(only, a.longValue("session_id"), a.intOr("limit", 100));
            ObjectNode out = Json.object();
            Json.array(out, "scheduled_messages", list, Json::scheduled);
            out.put("count", list.size());
            return ToolResult.ok(list.size() + " scheduled message(s) with status " + status, out);
        });
        h.put("cancel_scheduled_message", call -> {
            ScheduledMessage m = s.scheduler().cancel(new Args(call.arguments()).longValue("id"));
            return ToolResult.ok("Cancelled scheduled message " + m.id() + " to " + m.phone(), Json.scheduled(m));
        });
    }
}
