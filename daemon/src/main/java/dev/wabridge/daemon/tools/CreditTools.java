package dev.wabridge.daemon.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wabridge.daemon.credits.CreditService;
import dev.wabridge.rpc.tools.ToolHandler;
import dev.wabridge.rpc.tools.ToolResult;

import java.util.Map;

/** get_credits_info. */
final class CreditTools {
    private final Services s;

    CreditTools(Services s) {
        this.s = s;
    }

    void register(Map<String, ToolHandler> h) {
        h.put("get_credits_info", call -> {
            CreditService.Summary sum = s.credits().summary(s.time().now(), s.scheduler().zone());
            CreditService.CreditCosts costs = s.credits().costs();
            ObjectNode out = Json.object();
            out.put("balance", sum.balance());
            out.put("reserved", sum.reserved());
            out.put("available", sum.available());
            out.put("spent_today", sum.spentToday());
            out.putObject("costs").put("message", costs.message()).put("campaign_message", costs.campaignMessage());
            return ToolResult.ok(sum.available() + " credits available (" + sum.balance() + " balance, " + sum.reserved()
                    + " reserved by queued messages, " + sum.spentToday() + " spent today); a message costs " + costs.message()
                    + ", a campaign message " + costs.campaignMessage(), out);
        });
    }
}
