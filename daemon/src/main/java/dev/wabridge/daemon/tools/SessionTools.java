package dev.wabridge.daemon.tools;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wabridge.daemon.errors.UserError;
import dev.wabridge.daemon.health.HealthService;
import dev.wabridge.daemon.outbox.SendLimitsView;
import dev.wabridge.daemon.phone.PhoneNumbers;
import dev.wabridge.daemon.sessions.QrImages;
import dev.wabridge.daemon.sessions.SessionManager;
import dev.wabridge.daemon.store.SendLimits;
import dev.wabridge.daemon.store.SessionRow;
import dev.wabridge.daemon.store.SessionStatus;
import dev.wabridge.daemon.store.Times;
import dev.wabridge.rpc.tools.ToolHandler;
import dev.wabridge.rpc.tools.ToolResult;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
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
            String phone = a.has("phone") ? PhoneNumbers.require(a.string("phone").strip()) : null;
            SessionRow created = s.sessions().create(label.isEmpty() ? "WhatsApp" : label);
            return phone == null ? withQr(created, "Created session") : withPairingCode(created, phone);
        });
        h.put("get_whatsapp_qr", call -> {
            SessionRow row = s.sessions().get(new Args(call.arguments()).longValue("session_id"));
            return withQr(row, "Session");
        });
        h.put("get_whatsapp_status", call -> {
            Long id = new Args(call.arguments()).longValue("session_id");
            List<SessionRow> rows = id == null ? s.sessions().all() : List.of(s.sessions().get(id));
            ObjectNode out = Json.object();
            Instant now = s.time().now();
            Map<Long, SendLimits> limits = s.sessions().sendLimits();
            Json.array(out, "sessions", rows, r -> {
                ObjectNode n = Json.session(r);
                SendLimitsView.put(n, limits.getOrDefault(r.id(), SendLimits.NONE), now);
                return n;
            });
            String summary = rows.isEmpty() ? "No WhatsApp sessions yet; connect one with connect_whatsapp"
                    : rows.size() + " session(s): " + String.join(", ", rows.stream().map(r -> r.id() + " '" + r.label() + "' "
                    + r.status().wire() + (r.phone() == null ? "" : " " + r.phone())
                    + SendLimitsView.text(limits.getOrDefault(r.id(), SendLimits.NONE), now)).toList());
            return ToolResult.ok(summary, out);
        });
        h.put("disconnect_whatsapp", call -> {
            SessionRow row = s.sessions().disconnect(new Args(call.arguments()).longValue("session_id"));
            return ToolResult.ok("Session " + row.id() + " is " + row.status().wire(), Json.session(row));
        });
        h.put("reconnect_whatsapp", call -> {
            SessionRow row = s.sessions().reconnect(new Args(call.arguments()).longValue("session_id"));
            return ToolResult.ok("Session " + row.id() + " is " + row.status().wire()
                    + (row.qr() != null ? "; scan the QR code from get_whatsapp_qr" : ""), Json.session(row));
        });
        h.put("delete_whatsapp_session", call -> {
            long id = new Args(call.arguments()).longValue("session_id");
            SessionManager.Deletion d = s.sessions().delete(id);
            ObjectNode out = Json.object().put("session_id", id).put("deleted", true);
            String onWhatsApp;
            if (!d.linked()) {
                out.putNull("logged_out_on_whatsapp");
                onWhatsApp = "it was not linked to WhatsApp";
            } else if (d.loggedOutOnWhatsApp()) {
                out.put("logged_out_on_whatsapp", true);
                onWhatsApp = "it was logged out on WhatsApp (removed from the phone's linked devices)";
            } else {
                out.put("logged_out_on_whatsapp", false).put("note", d.problem());
                onWhatsApp = "it could NOT be logged out on WhatsApp (" + d.problem() + "): the phone still lists it; remove it there"
                        + " (WhatsApp > Settings > Linked devices)";
            }
            return ToolResult.ok("Deleted session " + id + " and its keys; " + onWhatsApp + ". Its message history stays in the log", out);
        });
        h.put("update_whatsapp_session", call -> {
            Args a = new Args(call.arguments());
            String label = a.string("label").strip();
            if (label.isEmpty()) {
                throw new UserError("label must not be blank");
            }
            SessionRow row = s.sessions().updateLabel(a.longValue("session_id"), label);
            return ToolResult.ok("Session " + row.id() + " is now labelled '" + row.label() + "'", Json.session(row));
        });
        h.put("get_whatsapp_health", call -> health());
    }

    /** Linking by phone number: the code to type on the phone instead of a QR to scan. */
    private ToolResult withPairingCode(SessionRow row, String phone) {
        String code = s.sessions().createWithPhoneCode(row, phone);
        SessionRow now = s.sessions().get(row.id());
        ObjectNode out = Json.object();
        out.put("session_id", now.id());
        out.put("label", now.label());
        out.put("status", now.status().wire());
        out.put("phone", phone);
        out.put("pairing_code", code);
        return ToolResult.ok("Created session " + now.id() + " '" + now.label() + "'. On the phone of " + phone
                + ", open WhatsApp > Settings > Linked devices > Link a device > Link with phone number instead, and type " + code, out);
    }

    private ToolResult withQr(SessionRow row, String verb) {
        ObjectNode out = Json.object();
        out.put("session_id", row.id());
        out.put("label", row.label());
        out.put("status", row.status().wire());
        out.put("qr", row.qr());
        out.put("qr_expires_at", row.qrExpiresAt());
        out.put("status_reason", row.statusReason());
        if (row.qr() == null) {
            String why = row.status() == SessionStatus.CONNECTED ? "it is already connected as " + row.phone()
                    : row.status() == SessionStatus.QR_PENDING ? "the QR code is not ready yet; call get_whatsapp_qr again in a few seconds"
                    : "it is " + row.status().wire() + (row.statusReason() == null ? "" : " (" + row.statusReason() + ")")
                    + "; reconnect_whatsapp starts linking again";
            return ToolResult.ok(verb + " " + row.id() + " '" + row.label() + "': no QR code, " + why, out);
        }
        return ToolResult.ok(verb + " " + row.id() + " '" + row.label() + "'. Scan this QR code in WhatsApp > Settings > Linked devices "
                        + "> Link a device (valid until " + row.qrExpiresAt() + "): " + row.qr(), out)
                .withExtra(ToolResult.ExtraContent.image("image/png", QrImages.png(row.qr())));
    }

    private ToolResult health() {
        HealthService.Report r = s.health().check();
        ObjectNode out = Json.object();
        out.putObject("store").put("ok", r.store().ok()).put("latency_ms", r.store().latencyMs()).put("file", r.store().location())
                .put("error", r.store().error()).put("free_bytes", r.store().freeBytes());
        out.putObject("transport").put("name", r.transportName()).put("available", r.transportAvailable());
        ArrayNode sessions = out.putArray("sessions");
        for (HealthService.SessionCheck c : r.sessions()) {
            ObjectNode n = sessions.addObject().put("session_id", c.row().id()).put("label", c.row().label())
                    .put("status", c.row().status().wire()).put("transport_connected", c.transportConnected()).put("link", c.link())
                    .put("status_reason", c.row().statusReason());
            SendLimitsView.put(n, c.limits(), r.checkedAt());
        }
        out.put("queue_depth", r.queueDepth());
        out.put("scheduler_lag_seconds", r.schedulerLag().toMillis() / 1000.0);
        if (r.credits() != null) {
            out.putObject("credits").put("balance", r.credits().balance()).put("reserved", r.credits().reserved())
                    .put("available", r.credits().available());
        }
        String status = r.status().name().toLowerCase(Locale.ROOT);
        out.put("status", status);
        out.put("checked_at", Times.sql(r.checkedAt()));
        String storeWords = r.store().ok() ? r.store().error() == null ? "ok" : "ok (" + r.store().error() + ")"
                : "FAILING (" + r.store().error() + ")";
        return ToolResult.ok("Health " + status + ": store " + storeWords + ", " + r.sessions().size()
                + " session(s), " + r.queueDepth() + " message(s) queued, scheduler lag " + r.schedulerLag().toSeconds() + " s", out);
    }
}
