package dev.wabridge.daemon.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wabridge.daemon.phone.PhoneNumbers;
import dev.wabridge.daemon.store.OptOut;
import dev.wabridge.daemon.store.OptOutRepository;
import dev.wabridge.rpc.tools.ToolHandler;
import dev.wabridge.rpc.tools.ToolResult;

import java.util.Map;
import java.util.Optional;

/** list, add, remove, check opt-outs. */
final class OptOutTools {
    private final Services s;

    OptOutTools(Services s) {
        this.s = s;
    }

    void register(Map<String, ToolHandler> h) {
        h.put("list_whatsapp_optout", call -> {
            Args a = new Args(call.arguments());
            OptOutRepository.Page page = s.optouts().list(a.intOr("limit", 100), a.intOr("offset", 0));
            ObjectNode out = Json.object();
            Json.array(out, "optouts", page.items(), Json::optout);
            out.put("count", page.items().size());
            out.put("total", page.total());
            return ToolResult.ok(page.total() + " phone(s) opted out; showing " + page.items().size(), out);
        });
        h.put("add_whatsapp_optout", call -> {
            Args a = new Args(call.arguments());
            OptOut o = s.optouts().add(a.string("phone"), a.string("reason"), "api", s.time().now());
            return ToolResult.ok(o.phone() + " is opted out since " + o.createdAt() + "; sends to it are refused", Json.optout(o));
        });
        h.put("remove_whatsapp_optout", call -> {
            String phone = PhoneNumbers.require(new Args(call.arguments()).string("phone"));
            boolean removed = s.optouts().remove(phone);
            return ToolResult.ok(removed ? phone + " removed from the opt-out list" : phone + " was not on the opt-out list",
                    Json.object().put("phone", phone).put("removed", removed));
        });
        h.put("check_whatsapp_optout", call -> {
            String phone = PhoneNumbers.require(new Args(call.arguments()).string("phone"));
            Optional<OptOut> o = s.optouts().check(phone);
            ObjectNode out = Json.object().put("phone", phone).put("opted_out", o.isPresent());
            out.put("reason", o.map(OptOut::reason).orElse(null));
            out.put("since", o.map(OptOut::createdAt).orElse(null));
            return ToolResult.ok(phone + (o.isPresent() ? " has opted out (since " + o.get().createdAt() + ")" : " has not opted out"), out);
        });
    }
}
