package dev.wabridge.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wabridge.sandbox.SandboxPhone;
import dev.wabridge.sandbox.SandboxServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;

import static dev.wabridge.testkit.Eventually.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The product's core job end to end over MCP, on the real transport against the sandbox:
 * send_whatsapp_message reaches a contact's phone end-to-end encrypted (the phone decrypts
 * exactly the text), the receipts move the logged status to delivered then read, the reply
 * appears in the message log and the conversation; a message sent while the phone is offline
 * arrives when it is back; a daemon restart keeps the Signal sessions (no second bundle is
 * fetched); a text typed on the linked phone is logged as outgoing; a new contact refused
 * for want of its privacy token (463) can be written to once it wrote to us.
 */
class SandboxMessagingEndToEndTest {
    static final String OWN = "+34600000031";
    static final String CONTACT = "+34699000007";

    @TempDir
    Path dir;
    SandboxServer sandbox;
    DaemonFixture fx;
    McpTestClient mcp;
    String token;

    @BeforeEach
    void start() throws Exception {
        sandbox = SandboxServer.create().start("127.0.0.1", 0);
        startDaemon();
        String qr = mcp.ok("connect_whatsapp", "label", "Shop").get("qr").asText();
        sandbox.phone(OWN).scan(qr);
        until("connected", () -> "connected".equals(Db.one(fx.database(), "SELECT status FROM sessions WHERE id = 1").get("status")));
        // the linked device uploads its prekeys right after the first login; the phone needs them to reach it
        until("prekeys uploaded", () -> sandbox.preKeyCount(OWN.substring(1) + ":1@s.whatsapp.net") > 0);
    }

    private void startDaemon() throws Exception {
        fx = DaemonFixture.onSandbox(dir.resolve("data"), sandbox, "send.rate_limit_pause_seconds", "2");
        if (fx.token != null) {
            token = fx.token;
        }
        mcp = new McpTestClient(fx.baseUrl(), token);
    }

    @AfterEach
    void stop() {
        mcp.close();
        fx.close();
        sandbox.close();
    }

    private String loggedStatus(String messageId) {
        return Db.outgoingStatus(fx.database(), messageId);
    }

    @Test
    void sendDeliveredReadAndReplyOverMcp() throws Exception {
        SandboxPhone contact = sandbox.phone(CONTACT).register();
        contact.autoReply(true);
        McpTestClient.Result sent = mcp.ok("send_whatsapp_message", "phone", CONTACT, "message", "Your order has shipped");
        assertEquals("sent", sent.get("status").asText(), sent.text());
        String id = sent.get("message_id").asText();
        until("the phone decrypted it", () -> !contact.messages().isEmpty());
        assertEquals("Your order has shipped", contact.messages().get(0).get("text"));
        assertEquals(id, contact.messages().get(0).get("id"));
        until("read", () -> "read".equals(loggedStatus(id)));

        until("the reply is logged", () -> mcp.ok("get_whatsapp_message_logs", "direction", "incoming").get("messages").size() == 1);
        JsonNode reply = mcp.ok("get_whatsapp_message_logs", "direction", "incoming").get("messages").get(0);
        assertEquals("Thanks, I got: Your order has shipped", reply.get("text").asText(), reply.toString());
        JsonNode history = mcp.ok("get_whatsapp_conversation_history", "phone", CONTACT).get("messages");
        assertEquals(2, history.size(), history.toString());
    }

    @Test
    void aMessageForAnOfflinePhoneArrivesWhenItComesBackAndRestartsKeepSessions() throws Exception {
        SandboxPhone contact = sandbox.phone(CONTACT).register();
        contact.setOnline(false);
        McpTestClient.Result first = mcp.ok("send_whatsapp_message", "phone", CONTACT, "message", "first");
        assertTrue(first.get("message_id") != null, first.text());
        String id = first.get("message_id").asText();
        until("sent", () -> "sent".equals(loggedStatus(id)));
        assertTrue(contact.messages().isEmpty());
        contact.setOnline(true);
        until("delivered once the phone is back", () -> "delivered".equals(loggedStatus(id)));
        assertEquals("first", contact.messages().get(0).get("text"));

        int bundlesLeft = sandbox.preKeyCount(CONTACT.substring(1) + "@s.whatsapp.net");
        mcp.close();
        fx.close();
        startDaemon();
        until("logged in again", () -> "connected".equals(Db.one(fx.database(), "SELECT status FROM sessions WHERE id = 1").get("status")));
        String second = mcp.ok("send_whatsapp_message", "phone", CONTACT, "message", "after restart").get("message_id").asText();
        until("delivered", () -> "delivered".equals(loggedStatus(second)));
        assertEquals(bundlesLeft, sandbox.preKeyCount(CONTACT.substring(1) + "@s.whatsapp.net"),
                "the Signal session survived the restart: no new prekey bundle was fetched");
        assertEquals("after restart", contact.messages().get(1).get("text"));
    }

    @Test
    void aRateLimitPausesTheSessionsSendsShowsItAndTheMessageGoesOutAfterThePause() throws Exception {
        SandboxPhone contact = sandbox.phone(CONTACT).register();
        sandbox.refuseMessages("429", 2); // pauses of 2 s, then 4 s: a window the status check cannot miss
        long sentAt = System.nanoTime();
        String id = mcp.ok("send_whatsapp_message", "phone", CONTACT, "message", "after the pause", "wait_seconds", 0)
                .get("message_id").asText();

        until("status shows the pause", () -> mcp.ok("get_whatsapp_status").get("sessions").get(0).has("send_paused"));
        JsonNode paused = mcp.ok("get_whatsapp_status").get("sessions").get(0).get("send_paused");
        assertTrue(paused.get("rate_limits_in_a_row").asInt() >= 1, paused.toString());
        JsonNode health = mcp.ok("get_whatsapp_health").json();
        assertEquals("degraded", health.get("status").asText(), health.toString());
        assertTrue(health.get("sessions").get(0).has("send_paused"), health.toString());

        until("delivered after the pause", () -> "delivered".equals(loggedStatus(id)));
        assertTrue(System.nanoTime() - sentAt >= 6_000_000_000L, "the retries waited for the 2 s and 4 s pauses");
        assertEquals("after the pause", contact.messages().get(0).get("text"));
        assertEquals(1L, Db.count(fx.database(), "SELECT attempts FROM outbox WHERE message_id = ?", id),
                "the rate-limited attempts do not count against the message's attempts");
        until("the pause is over once a send went through",
                () -> !mcp.ok("get_whatsapp_status").get("sessions").get(0).has("send_paused"));
    }

    @Test
    void aRestrictionFailsTheMessageWithoutARetryAndIsShownWhileOtherSendsGoOn() throws Exception {
        SandboxPhone contact = sandbox.phone(CONTACT).register();
        sandbox.refuseMessages("463", 1);
        String id = mcp.ok("send_whatsapp_message", "phone", CONTACT, "message", "to a new contact", "wait_seconds", 0)
                .get("message_id").asText();
        until("failed", () -> "failed".equals(loggedStatus(id)));
        Map<String, Object> row = Db.one(fx.database(), "SELECT attempts, last_error FROM outbox WHERE message_id = ?", id);
        assertEquals(1, ((Number) row.get("attempts")).intValue(), "a 463 is never retried: a retry counts as another reach-out");
        assertTrue(String.valueOf(row.get("last_error")).contains("463"), String.valueOf(row.get("last_error")));
        assertTrue(contact.messages().isEmpty());

        JsonNode session = mcp.ok("get_whatsapp_status").get("sessions").get(0);
        assertTrue(session.get("send_restriction").get("reason").asText().contains("new chats"), session.toString());
        JsonNode health = mcp.ok("get_whatsapp_health").json();
        assertTrue(health.get("sessions").get(0).has("send_restriction"), "health shows it: " + health);
        assertEquals("ok", health.get("status").asText(), "a restriction may concern one new contact; it does not degrade: " + health);

        String next = mcp.ok("send_whatsapp_message", "phone", CONTACT, "message", "next one").get("message_id").asText();
        until("the next message goes out: a restriction pauses nothing", () -> "delivered".equals(loggedStatus(next)));
    }

    @Test
    void aNewContactsPrivacyTokenOpensTheChatThatA463Refused() throws Exception {
        SandboxPhone contact = sandbox.phone(CONTACT).register();
        sandbox.requirePrivacyTokens(true); // new chats need the contact's token (tctoken)
        String id = mcp.ok("send_whatsapp_message", "phone", CONTACT, "message", "to a new contact", "wait_seconds", 0)
                .get("message_id").asText();
        until("failed", () -> "failed".equals(loggedStatus(id)));
        Map<String, Object> row = Db.one(fx.database(), "SELECT attempts, last_error FROM outbox WHERE message_id = ?", id);
        assertEquals(1, ((Number) row.get("attempts")).intValue());
        assertTrue(String.valueOf(row.get("last_error")).contains("463"), String.valueOf(row.get("last_error")));

        contact.send(OWN, "hello, write to me here"); // its client issues its privacy token to us after writing
        until("the contact's message is logged", () -> Db.count(fx.database(),
                "SELECT count(*) FROM messages WHERE direction = 'incoming'") == 1);
        String next = mcp.ok("send_whatsapp_message", "phone", CONTACT, "message", "with your token").get("message_id").asText();
        until("the next message carries the token and is delivered", () -> "delivered".equals(loggedStatus(next)));
        assertTrue(contact.messages().stream().anyMatch(m -> "with your token".equals(m.get("text"))));
    }

    @Test
    void aPhotoFromACustomerIsLoggedWithItsCaption() throws Exception {
        SandboxPhone contact = sandbox.phone(CONTACT).register();
        contact.sendImage(OWN, "the broken part");
        until("logged", () -> mcp.ok("get_whatsapp_message_logs", "direction", "incoming").get("messages").size() == 1);
        JsonNode photo = mcp.ok("get_whatsapp_message_logs", "direction", "incoming").get("messages").get(0);
        assertEquals("[image] the broken part", photo.get("text").asText(), photo.toString());
    }

    @Test
    void aTextTypedOnTheLinkedPhoneIsLoggedAsOutgoing() throws Exception {
        sandbox.phone(CONTACT).register();
        String id = sandbox.phone(OWN).send(CONTACT, "typed on the phone");
        // logged as outgoing, then moved on by the contact's delivery receipt, which reaches every device of ours
        until("logged as outgoing and delivered", () -> "delivered".equals(loggedStatus(id)));
        JsonNode history = mcp.ok("get_whatsapp_conversation_history", "phone", CONTACT).get("messages");
        assertEquals("typed on the phone", history.get(0).get("text").asText(), history.toString());
    }

    @Test
    void aContactThatMovedToALidKeepsOneConversation() throws Exception {
        SandboxPhone contact = sandbox.phone(CONTACT).register();
        contact.send(OWN, "written from my number");
        contact.sendAsLid(OWN, "written from my LID");
        until("both logged", () -> Db.count(fx.database(), "SELECT count(*) FROM messages WHERE direction = 'incoming'") == 2);
        JsonNode history = mcp.ok("get_whatsapp_conversation_history", "phone", CONTACT).get("messages");
        assertEquals(2, history.size(), "one person, one conversation: " + history);
        assertEquals("written from my LID", history.get(1).get("text").asText());
    }

    @Test
    void theProfileIsChangedOnTheServer() throws Exception {
        JsonNode p = mcp.ok("update_whatsapp_profile", "session_id", 1, "name", "Shop Team", "status", "Open 9-18h",
                "description", "Orders and returns").json();
        assertEquals("Shop Team", p.get("name").asText(), p.toString());
        assertEquals("Open 9-18h", p.get("status").asText(), p.toString());
        until("the server has it", () -> "Shop Team".equals(sandbox.profileOf(OWN).get("name")));
        assertEquals("Open 9-18h", sandbox.profileOf(OWN).get("about"));
        assertEquals("Orders and returns", sandbox.profileOf(OWN).get("business_description"));

        BufferedImage square = new BufferedImage(640, 640, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(square, "png", png);
        assertTrue(mcp.ok("update_whatsapp_profile_picture", "session_id", 1, "image_base64", Base64.getEncoder().encodeToString(png.toByteArray()))
                .get("has_picture").asBoolean());
        assertTrue(((Number) sandbox.profileOf(OWN).get("picture_bytes")).intValue() > 0, "a JPEG reached the server");
    }
}
