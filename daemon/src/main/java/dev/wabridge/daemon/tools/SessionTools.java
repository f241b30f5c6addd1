package dev.wabridge.daemon.tools;

import dev.wabridge.daemon.store.Times;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wabridge.daemon.credits.CreditService;
import dev.wabridge.daemon.sessions.QrImages;
import dev.wabridge.daemon.sessions.SessionRow;
import dev.wabridge.rpc.tools.ToolHandler;
import dev.wabridge.rpc.tools.ToolResult;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** connect, status, health, QR, disconnect, reconnect, delete, rename. */
final class SessionTools {
    private final Services s;

    SessionTools(Services s) {
        this.s = s;
    }

    void register(Map<String, ToolHandler> h) {
        h.put("connect_whatsapp", call -> {
            Args a = new Args(call.arguments());
            String label = a.has("label") ? a.string("label").strip() : "WhatsApp " + Instant.now().toString().substring(0, 10);
            return withQr(s.sessions().create(label.isEmpty() ? "WhatsApp" : label), "Created session");
        });
        h.put("get_whatsapp_qr", call -> {
            SessionRow row = s.sessions().get(new Args(call.arguments()).longValue("session_id"));
            return withQr(row, "Session");
        });
        h.put("get_whatsapp_status", call -> {
            Long id = new Args(call.arguments()).longValue("session_id");
            List<SessionRow> rows = id == null ? s.sessions().all() : List.of(s.sessions().get(id));
            ObjectNode out = Json.object();
            Json.array(out, "sessions", rows, Json::session);
            String summary = rows.isEmpty() ? "No WhatsApp sessions yet; connect one with connect_whatsapp"
                    : rows.size() + " session(s): " + String.join(", ", rows.stream().map(r -> r.id() + " '" + r.label() + "' "
                    + r.status() + (r.phone() == null ? "" : " " + r.phone())).toList());
            return ToolResult.ok(summary, out);
        });
        h.put("disconnect_whatsapp", call -> {
            SessionRow row = s.sessions().disconnect(new Args(call.arguments()).longValue("session_id"));
            return ToolResult.ok("Session " + row.id() + " is " + row.status(), Json.session(row));
        });
        h.put("reconnect_whatsapp", call -> {
            SessionRow row = s.sessions().reconnect(new Args(call.arguments()).longValue("session_id"));
            return ToolResult.ok("Session " + row.id() + " is " + row.status()
                    + (row.qr() != null ? "; scan the QR code from get_whatsapp_qr" : ""), Json.session(row));
        });
        h.put("delete_whatsapp_session", call -> {
            long id = new Args(call.arguments()).longValue("session_id");
            s.sessions().delete(id);
            return ToolResult.ok("Deleted session " + id + " and its keys; its message history stays in the log",
                    Json.object().put("session_id", id).put("deleted", true));
        });
        h.put("update_whatsapp_session", call -> {
            Args a = new Args(call.arguments());
            String label = a.string("label").strip();
            if (label.isEmpty()) {
                throw new dev.wabridge.daemon.service.UserError("label must not be blank");
            }
            SessionRow row = s.sessions().updateLabel(a.longValue("session_id"), label);
            return ToolResult.ok("Session " + row.id() + " is now labelled '" + row.label() + "'", Json.session(row));
        });
        h.put("get_whatsapp_health", call -> health());
    }

    private ToolResult withQr(SessionRow row, String verb) {
        ObjectNode out = Json.object();
        out.put("session_id", row.id());
        out.put("label", row.label());
        out.put("status", row.status());
        out.put("qr", row.qr());
        out.put("qr_expires_at", row.qrExpiresAt());
        out.put("status_reason", row.statusReason());
        if (row.qr() == null) {
            String why = row.status().equals(SessionRow.CONNECTED) ? "it is already connected as " + row.phone()
                    : row.status().equals(SessionRow.QR_PENDING) ? "the QR code is not ready yet; call get_whatsapp_qr again in a few seconds"
                    : "it is " + row.status() + (row.statusReason() == null ? "" : " (" + row.statusReason() + ")")
                    + "; reconnect_whatsapp starts linking again";
            return ToolResult.ok(verb + " " + row.id() + " '" + row.label() + "': no QR code, " + why, out);
        }
        return ToolResult.ok(verb + " " + row.id() + " '" + row.label() + "'. Scan this QR code in WhatsApp > Settings > Linked devices "
                        + "> Link a device (valid until " + row.qrExpiresAt() + "): " + row.qr(), out)
                .withExtra(ToolResult.ExtraContent.image("image/png", QrImages.png(row.qr())));
    }

    private ToolResult health() {
        Instant now = s.time().now();
        ObjectNode out = Json.object();
        long start = System.nanoTime();
        boolean storeOk;
        try {
            s.db().call(c -> c.createStatement().execute("SELECT 1"));
            storeOk = true;
        } catch (RuntimeException e) {
            storeOk = false;
        }
        out.putObject("store").put("ok", storeOk).put("latency_ms", (System.nanoTime() - start) / 1_000_000.0)
                .put("file", s.db().file().toString());
        out.putObject("transport").put("name", s.sessions().transportName()).put("available", s.sessions().transportAvailable());
        List<SessionRow> rows = storeOk ? s.sessions().all() : List.of();
        ArrayNode sessions = out.putArray("sessions");
        boolean allConnected = true;
        for (SessionRow r : rows) {
            sessions.addObject().put("session_id", r.id()).put("label", r.label()).put("status", r.status())
                    .put("transport_connected", s.sessions().isConnected(r.id())).put("status_reason", r.statusReason());
            boolean stuck = !s.sessions().isConnected(r.id()) && s.outbox().pendingFor(r.id()) > 0;
            if ((!r.status().equals(SessionRow.CONNECTED) && r.autoConnect()) || stuck) {
                allConnected = false; // it should be online, or it holds messages it cannot send
            }
        }
        long depth = storeOk ? s.outbox().depth() : -1;
        out.put("queue_depth", depth);
        Duration lag = storeOk ? s.scheduler().lag() : Duration.ZERO;
        out.put("scheduler_lag_seconds", lag.toMillis() / 1000.0);
        if (storeOk) {
            CreditService.Summary credits = s.credits().summary(now, s.scheduler().zone());
            out.putObject("credits").put("balance", credits.balance()).put("reserved", credits.reserved())
                    .put("available", credits.available());
        }
        String status = !storeOk ? "down" : (allConnected && lag.toSeconds() < 60) ? "ok" : "degraded";
        out.put("status", status);
        out.put("checked_at", Times.sql(now));
        return ToolResult.ok("Health " + status + ": store " + (storeOk ? "ok" : "FAILING") + ", " + rows.size() + " session(s), "
                + depth + " message(s) queued, scheduler lag " + lag.toSeconds() + " s", out);
    }
}
