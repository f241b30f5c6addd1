package dev.wabridge.daemon.tools;

import dev.wabridge.rpc.tools.ToolHandler;

import java.util.LinkedHashMap;
import java.util.Map;

/** The handler behind each product tool, by tool name. */
public final class DaemonTools {
    private DaemonTools() {
    }

    public static Map<String, ToolHandler> handlers() {
        Map<String, ToolHandler> h = new LinkedHashMap<>();
        ToolHandler sessions = new NotAvailableYet("WhatsApp session (transport)");
        ToolHandler messaging = new NotAvailableYet("messaging (paced outbox)");
        ToolHandler logs = new NotAvailableYet("message log");
        ToolHandler scheduler = new NotAvailableYet("scheduler");
        ToolHandler templates = new NotAvailableYet("templates");
        ToolHandler profile = new NotAvailableYet("WhatsApp profile");
        ToolHandler optout = new NotAvailableYet("opt-out");
        ToolHandler credits = new NotAvailableYet("credits");
        h.put("send_whatsapp_message", messaging);
        h.put("get_whatsapp_status", sessions);
        h.put("get_whatsapp_health", sessions);
        h.put("get_whatsapp_message_logs", logs);
        h.put("connect_whatsapp", sessions);
        h.put("disconnect_whatsapp", sessions);
        h.put("reconnect_whatsapp", sessions);
        h.put("delete_whatsapp_session", sessions);
        h.put("get_whatsapp_qr", sessions);
        h.put("update_whatsapp_session", sessions);
        h.put("get_whatsapp_conversation_history", logs);
        h.put("create_scheduled_message", scheduler);
        h.put("list_scheduled_messages", scheduler);
        h.put("cancel_scheduled_message", scheduler);
        h.put("list_whatsapp_templates", templates);
        h.put("save_as_whatsapp_template", templates);
        h.put("delete_whatsapp_template", templates);
        h.put("get_whatsapp_profile", profile);
        h.put("update_whatsapp_profile", profile);
        h.put("update_whatsapp_profile_picture", profile);
        h.put("list_whatsapp_optout", optout);
        h.put("add_whatsapp_optout", optout);
        h.put("remove_whatsapp_optout", optout);
        h.put("check_whatsapp_optout", optout);
        h.put("get_credits_info", credits);
        return h;
    }
}
