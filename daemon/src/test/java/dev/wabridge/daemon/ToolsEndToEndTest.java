package dev.wabridge.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wabridge.daemon.auth.TokenService;
import dev.wabridge.daemon.scripted.ScriptedNetwork;
import dev.wabridge.daemon.scripted.ScriptedSession;
import dev.wabridge.daemon.store.Times;
import dev.wabridge.transport.TransportEvent;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.wabridge.testkit.Eventually.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every product tool over MCP (official SDK client, real sockets) against the daemon with the
 * test-scope scripted transport; each step checks the SQLite rows behind the reply.
 */
class ToolsEndToEndTest {
    static final String ME = "+34611111111";
    static final String CUSTOMER = "+34600000001";

    @TempDir
    Path dir;
    DaemonFixture fx;
    McpTestClient mcp;
    Path db;

    @BeforeEach
    void start() throws Exception {
        ScriptedNetwork.reset();
        fx = DaemonFixture.start(dir.resolve("data"), "transport", "scripted", "scheduler.timezone", "Europe/Madrid");
        mcp = new McpTestClient(fx.baseUrl(), fx.token);
        db = fx.database();
    }

    @AfterEach
    void stop() {
        mcp.close();
        fx.close();
    }

    /** connect_whatsapp, then the phone scans the QR; returns the session id. */
    long link(String label, String phone) throws Exception {
        McpTestClient.Result r = mcp.ok("connect_whatsapp", "label", label);
        long id = r.get("session_id").asLong();
        String qr = r.get("qr").asText();
        assertTrue(ScriptedNetwork.scan(qr, phone));
        until("connected", () -> "connected".equals(Db.one(db, "SELECT status FROM sessions WHERE id = ?", id).get("status")));
        return id;
    }

    @Test
    void connectReturnsQrAsTextAndPngThenScanConnects() throws Exception {
        McpTestClient.Result r = mcp.ok("connect_whatsapp", "label", "Sales Team");
        long id = r.get("session_id").asLong();
        assertEquals("qr_pending", r.get("status").asText());
        String qr = r.get("qr").asText();
        assertTrue(r.text().contains(qr));
        McpSchema.ImageContent image = (McpSchema.ImageContent) r.raw().content().stream()
                .filter(c -> c instanceof McpSchema.ImageContent).findFirst().orElseThrow();
        assertEquals("image/png", image.mimeType());
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(image.data())));
        assertTrue(png.getWidth() >= 200);
        Map<String, Object> row = Db.one(db, "SELECT label, status, qr FROM sessions WHERE id = ?", id);
        assertEquals("Sales Team", row.get("label"));
        assertEquals("qr_pending", row.get("status"));
        assertEquals(qr, row.get("qr"));
        assertEquals(qr, mcp.ok("get_whatsapp_qr", "session_id", id).get("qr").asText());

        assertTrue(ScriptedNetwork.scan(qr, ME));
        until("connected", () -> "connected".equals(Db.one(db, "SELECT status FROM sessions WHERE id = ?", id).get("status")));
        JsonNode s = mcp.ok("get_whatsapp_status").get("sessions").get(0);
        assertEquals("connected", s.get("status").asText());
        assertEquals(ME, s.get("phone").asText());
        assertNull(Db.one(db, "SELECT qr FROM sessions WHERE id = ?", id).get("qr"));
        assertTrue(Db.count(db, "SELECT count(*) FROM key_material WHERE session_id = ?", id) >= 2, "credentials stored via the KeyStore SPI");
        assertTrue(mcp.ok("get_whatsapp_qr", "session_id", id).text().contains("already connected"));
    }

    @Test
    void sendIsStoredPacedAckedChargedAndLogged() throws Exception {
        long id = link("Sales", ME);
        McpTestClient.Result r = mcp.ok("send_whatsapp_message", "session_id", id, "phone", CUSTOMER, "message", "Hello! Your order has been shipped.");
        assertEquals("sent", r.get("status").asText(), r.text());
        String messageId = r.get("message_id").asText();
        Map<String, Object> outbox = Db.one(db, "SELECT status, message_id, credits_reserved, sent_at FROM outbox WHERE id = ?", r.get("outbox_id").asLong());
        assertEquals("sent", outbox.get("status"));
        assertEquals(messageId, outbox.get("message_id"));
        assertEquals(500, outbox.get("credits_reserved"));
        Map<String, Object> msg = Db.one(db, "SELECT direction, phone, text, status FROM messages WHERE message_id = ?", messageId);
        assertEquals("outgoing", msg.get("direction"));
        assertEquals("sent", msg.get("status"));
        assertEquals(List.of("reserve", "charge"), Db.rows(db, "SELECT kind FROM credit_ledger WHERE outbox_id = ? ORDER BY id",
                r.get("outbox_id").asLong()).stream().map(m -> m.get("kind")).toList());
        assertEquals(1, ScriptedNetwork.delivered().size());
        assertEquals(messageId, ScriptedNetwork.delivered().get(0).messageId());

        // session_id may be left out when exactly one session is connected; campaign costs 1000
        McpTestClient.Result campaign = mcp.ok("send_whatsapp_message", "phone", CUSTOMER, "message", "Promo", "campaign", true,
                "archive_after_send", true);
        assertEquals("sent", campaign.get("status").asText(), campaign.text());
        assertEquals(1000, campaign.get("credits_reserved").asInt());
        until("archived", () -> ScriptedNetwork.session(id).archived.contains(CUSTOMER));
        JsonNode credits = mcp.ok("get_credits_info").json();
        assertEquals(100_000 - 1500, credits.get("available").asLong());
        assertEquals(1500, credits.get("spent_today").asLong());
        assertEquals(500, credits.at("/costs/message").asInt());
        assertEquals(1000, credits.at("/costs/campaign_message").asInt());

        // receipts move the status forward
        ScriptedNetwork.session(id).receipt(messageId, CUSTOMER, TransportEvent.ReceiptType.DELIVERED);
        until("delivered", () -> "delivered".equals(Db.one(db, "SELECT status FROM messages WHERE message_id = ?", messageId).get("status")));
        ScriptedNetwork.session(id).receipt(messageId, CUSTOMER, TransportEvent.ReceiptType.READ);
        until("read", () -> "read".equals(Db.one(db, "SELECT status FROM messages WHERE message_id = ?", messageId).get("status")));

        // a phone that is not on WhatsApp: final failure, refunded
        McpTestClient.Result bad = mcp.call("send_whatsapp_message", "session_id", id, "phone", "+99912345678", "message", "x");
        assertTrue(bad.isError());
        assertEquals("failed", bad.get("status").asText());
        assertTrue(bad.text().contains("not on WhatsApp"));
        assertEquals(List.of("reserve", "release"), Db.rows(db, "SELECT kind FROM credit_ledger WHERE outbox_id = ? ORDER BY id",
                bad.get("outbox_id").asLong()).stream().map(m -> m.get("kind")).toList());
        assertEquals(100_000 - 1500, mcp.ok("get_credits_info").get("available").asLong());

        // an archive that fails after the send: the message stays sent, and its log line says why
        ScriptedNetwork.failArchives("the phone has not shared its app-state key yet");
        String archivedLater = mcp.ok("send_whatsapp_message", "phone", CUSTOMER, "message", "Promo 2", "archive_after_send", true)
                .get("message_id").asText();
        until("the failed archive is in the log", () -> Db.one(db, "SELECT error FROM messages WHERE message_id = ?", archivedLater)
                .get("error") != null);
        Map<String, Object> noted = Db.one(db, "SELECT status, error FROM messages WHERE message_id = ?", archivedLater);
        assertEquals("sent", noted.get("status"));
        assertTrue(String.valueOf(noted.get("error")).contains("archiving the chat afterwards failed: the phone has not shared"),
                String.valueOf(noted.get("error")));
        ScriptedNetwork.failArchives(null);
    }

    @Test
    void phoneFormatIsEnforcedWithTheRightFormShown() throws Exception {
        long id = link("Sales", ME);
        for (String wrong : List.of("600000000", "0034600000000", "+34 600 000 000", "34600000000", "+0123456789", "+3460000000000000")) {
            McpTestClient.Result r = mcp.call("send_whatsapp_message", "session_id", id, "phone", wrong, "message", "hi");
            assertTrue(r.isError(), wrong);
            assertTrue(r.text().contains("+34600000000"), r.text());
        }
        assertTrue(mcp.call("send_whatsapp_message", "session_id", id, "phone", "0034600000000", "message", "hi").text()
                .contains("'+34600000000'"), "00 prefix gets the exact corrected form");
        assertEquals(0, Db.count(db, "SELECT count(*) FROM outbox"));
    }

    @Test
    void optOutRefusesSendsAndSchedulesForFreeAndStopKeywordAddsIt() throws Exception {
        long id = link("Sales", ME);
        mcp.ok("add_whatsapp_optout", "phone", CUSTOMER, "reason", "asked by phone");
        assertEquals("api", Db.one(db, "SELECT source FROM optouts WHERE phone = ?", CUSTOMER).get("source"));
        JsonNode check = mcp.ok("check_whatsapp_optout", "phone", CUSTOMER).json();
        assertTrue(check.get("opted_out").asBoolean());
        assertEquals("asked by phone", check.get("reason").asText());
        long ledger = Db.count(db, "SELECT count(*) FROM credit_ledger");

        McpTestClient.Result refused = mcp.call("send_whatsapp_message", "session_id", id, "phone", CUSTOMER, "message", "hi");
        assertTrue(refused.isError());
        assertTrue(refused.text().contains("opted out"), refused.text());
        McpTestClient.Result refusedLater = mcp.call("create_scheduled_message", "session_id", id, "phone", CUSTOMER,
                "message_text", "hi", "scheduled_at", LocalDateTime.now(ZoneId.of("Europe/Madrid")).plusHours(1).toString());
        assertTrue(refusedLater.isError());
        assertEquals(0, Db.count(db, "SELECT count(*) FROM outbox"));
        assertEquals(0, Db.count(db, "SELECT count(*) FROM scheduled_messages"));
        assertEquals(ledger, Db.count(db, "SELECT count(*) FROM credit_ledger"), "a refusal costs nothing");

        JsonNode list = mcp.ok("list_whatsapp_optout").json();
        assertEquals(1, list.get("total").asInt());
        assertTrue(mcp.ok("remove_whatsapp_optout", "phone", CUSTOMER).get("removed").asBoolean());
        assertEquals(0, Db.count(db, "SELECT count(*) FROM optouts"));
        assertFalse(mcp.ok("check_whatsapp_optout", "phone", CUSTOMER).get("opted_out").asBoolean());

        // a customer answers STOP: opted out by keyword, logged as incoming
        ScriptedNetwork.incoming(id, "+34600000002", " stop ");
        until("keyword opt-out", () -> Db.count(db, "SELECT count(*) FROM optouts WHERE phone = '+34600000002' AND source = 'keyword'") == 1);
        assertEquals(1, Db.count(db, "SELECT count(*) FROM messages WHERE direction = 'incoming' AND phone = '+34600000002'"));
    }

    @Test
    void templatesSaveListFillAndDelete() throws Exception {
        long id = link("Sales", ME);
        McpTestClient.Result saved = mcp.ok("save_as_whatsapp_template", "name", "Order Shipped", "category", "notifications",
                "body", "Hi {{name}}, order {{ order }} has shipped.");
        assertEquals(List.of("name", "order"), List.of(saved.json().get("placeholders").get(0).asText(), saved.json().get("placeholders").get(1).asText()));
        assertEquals("notifications", Db.one(db, "SELECT category FROM templates WHERE name = 'Order Shipped'").get("category"));
        assertEquals(1, mcp.ok("list_whatsapp_templates").get("count").asInt());
        assertEquals(0, mcp.ok("list_whatsapp_templates", "category", "other").get("count").asInt());

        McpTestClient.Result missing = mcp.call("send_whatsapp_message", "session_id", id, "phone", CUSTOMER, "template", "Order Shipped",
                "variables", Map.of("name", "Ana"));
        assertTrue(missing.isError());
        assertTrue(missing.text().contains("[order]"), missing.text());
        assertEquals(0, Db.count(db, "SELECT count(*) FROM outbox"));

        McpTestClient.Result sent = mcp.ok("send_whatsapp_message", "session_id", id, "phone", CUSTOMER, "template", "Order Shipped",
                "variables", Map.of("name", "Ana", "order", 42));
        assertEquals("Hi Ana, order 42 has shipped.", Db.one(db, "SELECT text FROM outbox WHERE id = ?", sent.get("outbox_id").asLong()).get("text"));

        // the documented call: name and category only -> saves the last outgoing message
        McpTestClient.Result fromLast = mcp.ok("save_as_whatsapp_template", "name", "Last", "category", "notifications");
        assertEquals("Hi Ana, order 42 has shipped.", fromLast.get("body").asText());

        assertTrue(mcp.ok("delete_whatsapp_template", "name", "Order Shipped").get("deleted").asBoolean());
        assertEquals(1, Db.count(db, "SELECT count(*) FROM templates"));
        assertTrue(mcp.call("delete_whatsapp_template", "name", "Order Shipped").isError());
    }

    @Test
    void scheduledMessagesCreateListCancelAndSendWhenDue() throws Exception {
        long id = link("Sales", ME);
        String local = LocalDateTime.now(ZoneId.of("Europe/Madrid")).plusDays(1).withNano(0).toString();
        McpTestClient.Result later = mcp.ok("create_scheduled_message", "session_id", id, "phone", CUSTOMER,
                "message_text", "Reminder: your appointment is tomorrow at 10:00", "scheduled_at", local);
        Instant expected = LocalDateTime.parse(local).atZone(ZoneId.of("Europe/Madrid")).toInstant();
        assertEquals(Times.sql(expected), Db.one(db, "SELECT scheduled_at FROM scheduled_messages WHERE id = ?", later.get("id").asLong()).get("scheduled_at"),
                "no offset: the configured zone");
        assertEquals(1, mcp.ok("list_scheduled_messages", "status", "pending").get("count").asInt());

        McpTestClient.Result cancelled = mcp.ok("cancel_scheduled_message", "id", later.get("id").asLong());
        assertEquals("cancelled", cancelled.get("status").asText());
        assertEquals("cancelled", Db.one(db, "SELECT status FROM scheduled_messages WHERE id = ?", later.get("id").asLong()).get("status"));
        assertTrue(mcp.call("cancel_scheduled_message", "id", later.get("id").asLong()).isError(), "cancelling twice is refused");

        String soon = Instant.now().plusSeconds(1).toString();
        McpTestClient.Result due = mcp.ok("create_scheduled_message", "phone", CUSTOMER, "message_text", "due now", "scheduled_at", soon);
        long dueId = due.get("id").asLong();
        until("scheduled send", () -> "sent".equals(Db.one(db, "SELECT status FROM scheduled_messages WHERE id = ?", dueId).get("status")));
        assertEquals("sent", Db.one(db, "SELECT o.status FROM outbox o JOIN scheduled_messages s ON s.outbox_id = o.id WHERE s.id = ?", dueId).get("status"));
        assertTrue(ScriptedNetwork.delivered().stream().anyMatch(d -> d.text().equals("due now")));
        JsonNode sent = mcp.ok("list_scheduled_messages", "status", "sent").get("scheduled_messages").get(0);
        assertNotNull(sent.get("message_id").asText());
        assertEquals(2, mcp.ok("list_scheduled_messages", "status", "all").get("count").asInt());

        for (String badDate : List.of("tomorrow", "2026-13-01T10:00:00", "2020-01-01T10:00:00Z", "")) {
            assertTrue(mcp.call("create_scheduled_message", "phone", CUSTOMER, "message_text", "x", "scheduled_at", badDate).isError(), badDate);
        }
    }

    @Test
    void logsAndConversationHistoryShowBothDirections() throws Exception {
        long id = link("Sales", ME);
        mcp.ok("send_whatsapp_message", "session_id", id, "phone", CUSTOMER, "message", "Hello");
        ScriptedNetwork.incoming(id, CUSTOMER, "Thanks!");
        until("incoming logged", () -> Db.count(db, "SELECT count(*) FROM messages WHERE direction = 'incoming'") == 1);
        mcp.ok("send_whatsapp_message", "session_id", id, "phone", "+34600000009", "message", "Other");

        JsonNode outgoing = mcp.ok("get_whatsapp_message_logs", "direction", "outgoing", "limit", 20, "hours", 24).json();
        assertEquals(2, outgoing.get("count").asInt());
        assertEquals("Other", outgoing.get("messages").get(0).get("text").asText(), "newest first");
        assertEquals(1, mcp.ok("get_whatsapp_message_logs", "direction", "incoming").get("count").asInt());
        assertEquals(3, mcp.ok("get_whatsapp_message_logs").get("count").asInt());

        JsonNode history = mcp.ok("get_whatsapp_conversation_history", "phone", CUSTOMER).json();
        assertEquals(2, history.get("count").asInt());
        assertEquals("Hello", history.get("messages").get(0).get("text").asText(), "oldest first");
        assertEquals("outgoing", history.get("messages").get(0).get("direction").asText());
        assertEquals("incoming", history.get("messages").get(1).get("direction").asText());
        assertEquals("received", history.get("messages").get(1).get("status").asText());
    }

    @Test
    void profileReadUpdateAndPicture() throws Exception {
        long id = link("Sales", ME);
        assertEquals(ME, mcp.ok("get_whatsapp_profile", "session_id", id).get("phone").asText());
        JsonNode p = mcp.ok("update_whatsapp_profile", "session_id", id, "name", "My Business", "status", "Online 9-18h",
                "description", "Official WhatsApp for customer support").json();
        assertEquals("My Business", p.get("name").asText());
        assertEquals("Online 9-18h", p.get("status").asText());
        Map<String, Object> cached = Db.one(db, "SELECT profile_name, profile_about, profile_description FROM sessions WHERE id = ?", id);
        assertEquals("Official WhatsApp for customer support", cached.get("profile_description"));

        BufferedImage img = new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        assertTrue(mcp.ok("update_whatsapp_profile_picture", "session_id", id, "image_base64",
                Base64.getEncoder().encodeToString(png.toByteArray())).get("has_picture").asBoolean());
        BufferedImage uploaded = ImageIO.read(new ByteArrayInputStream(ScriptedNetwork.session(id).picture));
        assertEquals(600, uploaded.getWidth());
        assertEquals(600, uploaded.getHeight(), "centre-cropped square");
        assertTrue(mcp.call("update_whatsapp_profile_picture", "session_id", id, "image_base64", "bm90IGFuIGltYWdl").isError());
    }

    @Test
    void sessionLifecycleLabelDisconnectReconnectDeleteAndHealth() throws Exception {
        long id = link("Sales", ME);
        assertEquals("Support", mcp.ok("update_whatsapp_session", "session_id", id, "label", "Support").get("label").asText());
        assertEquals("Support", Db.one(db, "SELECT label FROM sessions WHERE id = ?", id).get("label"));
        assertTrue(mcp.call("delete_whatsapp_session", "session_id", id).text().contains("disconnect_whatsapp it first"));

        JsonNode health = mcp.ok("get_whatsapp_health").json();
        assertEquals("ok", health.get("status").asText(), health.toString());
        assertTrue(health.at("/store/ok").asBoolean());
        assertEquals(0, health.get("queue_depth").asInt());

        assertEquals("disconnected", mcp.ok("disconnect_whatsapp", "session_id", id).get("status").asText());
        assertEquals(0, Db.one(db, "SELECT auto_connect FROM sessions WHERE id = ?", id).get("auto_connect"));
        // sends to a disconnected session are stored and reported as queued
        McpTestClient.Result queued = mcp.ok("send_whatsapp_message", "session_id", id, "phone", CUSTOMER, "message", "later", "wait_seconds", 0);
        assertEquals("queued", queued.get("status").asText());
        assertTrue(queued.text().contains("not connected"));
        assertEquals("degraded", mcp.ok("get_whatsapp_health").get("status").asText());

        assertEquals("connected", mcp.ok("reconnect_whatsapp", "session_id", id).get("status").asText());
        until("queued message sent after reconnect", () -> "sent".equals(Db.one(db, "SELECT status FROM outbox WHERE id = ?",
                queued.get("outbox_id").asLong()).get("status")));

        // the phone unlinks the device: logged_out, keys wiped
        ScriptedNetwork.session(id).unlinkFromPhone();
        until("logged out", () -> "logged_out".equals(Db.one(db, "SELECT status FROM sessions WHERE id = ?", id).get("status")));
        assertEquals(0, Db.count(db, "SELECT count(*) FROM key_material WHERE session_id = ?", id));
        assertTrue(mcp.ok("get_whatsapp_status", "session_id", id).get("sessions").get(0).get("status_reason").asText().contains("logged out"));
        assertTrue(mcp.call("send_whatsapp_message", "session_id", id, "phone", CUSTOMER, "message", "x").isError());

        McpTestClient.Result gone = mcp.ok("delete_whatsapp_session", "session_id", id);
        assertTrue(gone.get("deleted").asBoolean());
        assertTrue(gone.get("logged_out_on_whatsapp").isNull(), "it was logged out already: nothing to log out");
        assertEquals(0, Db.count(db, "SELECT count(*) FROM sessions"));
        assertEquals(1, Db.count(db, "SELECT count(*) FROM messages"), "history stays");
        assertTrue(mcp.call("get_whatsapp_status", "session_id", id).isError());
    }

    /** Issue 11, item 9: when WhatsApp does not confirm the logout, the session is deleted anyway and the result says so. */
    @Test
    void deletingSaysSoWhenTheDeviceCouldNotBeLoggedOut() throws Exception {
        long id = link("Sales", ME);
        mcp.ok("disconnect_whatsapp", "session_id", id);
        ScriptedNetwork.session(id).failLogout = true;
        McpTestClient.Result gone = mcp.ok("delete_whatsapp_session", "session_id", id);
        assertTrue(gone.get("deleted").asBoolean());
        assertFalse(gone.get("logged_out_on_whatsapp").asBoolean(), gone.text());
        assertTrue(gone.text().contains("could NOT be logged out on WhatsApp (WhatsApp did not confirm the logout)"), gone.text());
        assertTrue(gone.text().contains("Linked devices"), gone.text());
        assertEquals(0, Db.count(db, "SELECT count(*) FROM sessions"));

        long other = link("Support", ME);
        mcp.ok("disconnect_whatsapp", "session_id", other);
        McpTestClient.Result loggedOut = mcp.ok("delete_whatsapp_session", "session_id", other);
        assertTrue(loggedOut.get("logged_out_on_whatsapp").asBoolean(), loggedOut.text());
    }

    @Test
    void anOutdatedClientShowsInStatusAndHealthWithTheAction() throws Exception {
        long id = link("Sales", ME);
        ScriptedNetwork.session(id).refuseVersion();
        until("disconnected", () -> "disconnected".equals(Db.one(db, "SELECT status FROM sessions WHERE id = ?", id).get("status")));
        String reason = mcp.ok("get_whatsapp_status", "session_id", id).get("sessions").get(0).get("status_reason").asText();
        assertTrue(reason.startsWith("client_outdated") && reason.contains("transport.wa_version"), reason);
        McpTestClient.Result health = mcp.ok("get_whatsapp_health");
        assertTrue(health.json().toString().contains("client_outdated"), health.json().toString());
        assertTrue(!"ok".equals(health.get("status").asText()), "health is not ok while a number is outdated");
    }

    @Test
    void droppedConnectionReconnectsAndRestartLogsInWithoutQr() throws Exception {
        long id = link("Sales", ME);
        ScriptedSession session = ScriptedNetwork.session(id);
        session.drop();
        until("reconnected", () -> session.isConnected()
                && "connected".equals(Db.one(db, "SELECT status FROM sessions WHERE id = ?", id).get("status")));

        mcp.close();
        fx.close();
        fx = DaemonFixture.start(dir.resolve("data"), "transport", "scripted");
        db = fx.database();
        until("logged in from stored keys", () -> "connected".equals(Db.one(db, "SELECT status FROM sessions WHERE id = ?", id).get("status")));
        assertNull(Db.one(db, "SELECT qr FROM sessions WHERE id = ?", id).get("qr"));
        mcp = new McpTestClient(fx.baseUrl(), Db.one(db, "SELECT 1 AS x").isEmpty() ? null : newToken());
        assertEquals(ME, mcp.ok("get_whatsapp_status").get("sessions").get(0).get("phone").asText());
    }

    private String newToken() {
        return new TokenService(fx.daemon.store().tokens(), Clock.systemUTC())
                .create("t" + System.nanoTime(), Set.of("read", "send", "admin")).token();
    }
}
