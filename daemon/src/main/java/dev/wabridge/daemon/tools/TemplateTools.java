package dev.wabridge.daemon.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wabridge.daemon.errors.UserError;
import dev.wabridge.daemon.templates.TemplateService;
import dev.wabridge.rpc.tools.ToolHandler;
import dev.wabridge.rpc.tools.ToolResult;

import java.util.List;
import java.util.Map;

/** list, save, delete templates. */
final class TemplateTools {
    private final Services s;

    TemplateTools(Services s) {
        this.s = s;
    }

    void register(Map<String, ToolHandler> h) {
        h.put("list_whatsapp_templates", call -> {
            Args a = new Args(call.arguments());
            List<TemplateService.Template> list = s.templates().list(a.string("category"));
            ObjectNode out = Json.object();
            Json.array(out, "templates", list, Json::template);
            out.put("count", list.size());
            return ToolResult.ok(list.size() + " template(s)" + (list.isEmpty() ? "" : ": "
                    + String.join(", ", list.stream().map(TemplateService.Template::name).toList())), out);
        });
        h.put("save_as_whatsapp_template", call -> {
            Args a = new Args(call.arguments());
            String name = a.string("name").strip();
            if (name.isEmpty()) {
                throw new UserError("name must not be blank");
            }
            String body = a.string("body");
            String source = "the given body";
            if (body == null) {
                // The product's documented call passes only name and category: "save as template"
                // the text of a message (message_id) or, without one, of the last outgoing message.
                String messageId = a.string("message_id");
                body = s.log().outgoingText(messageId).orElseThrow(() -> new UserError(messageId == null
                        ? "Nothing to save: pass body, or send a message first (without body the last outgoing message is saved)"
                        : "No message with id " + messageId));
                source = messageId == null ? "the last outgoing message" : "message " + messageId;
            }
            String category = a.has("category") ? a.string("category").strip() : "general";
            TemplateService.Template t = s.templates().save(name, category.isEmpty() ? "general" : category, body, s.time().now());
            return ToolResult.ok("Saved template '" + t.name() + "' (" + t.category() + ") from " + source
                    + (t.placeholders().isEmpty() ? "" : "; placeholders " + t.placeholders()), Json.template(t));
        });
        h.put("delete_whatsapp_template", call -> {
            String name = new Args(call.arguments()).string("name");
            if (!s.templates().delete(name)) {
                throw new UserError("No template named '" + name + "'; list_whatsapp_templates shows the saved ones");
            }
            return ToolResult.ok("Deleted template '" + name + "'", Json.object().put("name", name).put("deleted", true));
        });
    }
}
