package dev.wabridge.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wabridge.sandbox.SandboxPhone;
import dev.wabridge.sandbox.SandboxServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.wabridge.testkit.Eventually.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One linked number's trouble stays its own (USER-PAINS: "one session's failure hurting
 * others"): while WhatsApp drops one session again and again, sends it poison stanzas and then
 * logs it out, the other session keeps its single connection and delivers every message, and
 * only the troubled session's queued messages fail (refunded).
 */
class SessionIsolationTest {
    static final String TROUBLED = "+34600000061";
    static final String HEALTHY = "+34600000062";
    static final String CONTACT = "+34699000005";

    @TempDir
    Path dir;
    SandboxServer sandbox;
    DaemonFixture fx;
    McpTestClient mcp;

    @BeforeEach
    void linkTwoNumbers() throws Exception {
        sandbox = SandboxServer.create().start("127.0.0.1", 0);
        fx = DaemonFixture.onSandbox(dir.resolve("data"), sandbox);
        mcp = new McpTestClient(fx.baseUrl(), fx.token);
        link("Troubled", TROUBLED, 1);
        link("Healthy", HEALTHY, 2);
    }

    private void link(String label, String phone, long id) throws Exception {
        sandbox.phone(phone).scan(mcp.ok("connect_whatsapp", "label", label).get("qr").asText());
        until(label + " connected", () -> "connected".equals(
                Db.one(fx.database(), "SELECT status FROM sessions WHERE id = ?", id).get("status")));
        until(label + " uploaded its prekeys", () -> sandbox.preKeyCount(device(phone)) > 0);
    }

    private static String device(String phone) {
        return phone.substring(1) + ":1@s.whatsapp.net";
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
    void theOtherNumberKeepsItsConnectionAndDeliversWhileOneIsDroppedPoisonedAndLoggedOut() throws Exception {
        SandboxPhone contact = sandbox.phone(CONTACT).register();
        int healthyLogins = sandbox.loginAttempts(device(HEALTHY));

        for (int i = 0; i < 3; i++) {
            sandbox.drop(device(TROUBLED));
            until("the troubled session is back", () -> sandbox.onlineDevices(TROUBLED).contains(device(TROUBLED)));
            sandbox.poison(device(TROUBLED), "unknown-tag", 0);
            String id = mcp.ok("send_whatsapp_message", "session_id", 2, "phone", CONTACT, "message", "round " + i, "wait_seconds", 0)
                    .get("message_id").asText();
            until("round " + i + " delivered by the healthy session", () -> "delivered".equals(loggedStatus(id)));
        }

        // the troubled number is logged out with a message still queued behind its 3 s pace
        mcp.ok("send_whatsapp_message", "session_id", 1, "phone", CONTACT, "message", "first", "wait_seconds", 0);
        String queued = mcp.ok("send_whatsapp_message", "session_id", 1, "phone", CONTACT, "message", "never", "wait_seconds", 0)
                .get("message_id").asText();
        sandbox.forceLogout(device(TROUBLED));
        until("the troubled session is logged out", () -> "logged_out".equals(
                Db.one(fx.database(), "SELECT status FROM sessions WHERE id = 1").get("status")));
        until("its queued message failed", () -> "failed".equals(loggedStatus(queued)));

        String last = mcp.ok("send_whatsapp_message", "session_id", 2, "phone", CONTACT, "message", "after the logout",
                "wait_seconds", 0).get("message_id").asText();
        until("delivered after the other's logout", () -> "delivered".equals(loggedStatus(last)));

        assertEquals(healthyLogins, sandbox.loginAttempts(device(HEALTHY)), "the healthy session never reconnected");
        assertTrue(contact.messages().stream().filter(m -> "incoming".equals(m.get("direction"))).count() >= 4);
        JsonNode status = mcp.ok("get_whatsapp_status", "session_id", 2).get("sessions").get(0);
        assertEquals("connected", status.get("status").asText(), status.toString());
    }
}
