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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Archiving over MCP on the real transport against the sandbox (the fixture of
 * SandboxMessagingEndToEndTest): archive_whatsapp_chat archives the chat on the linked phone
 * (the phone decodes the app-state patch) and unarchives it; send_whatsapp_message with
 * archive_after_send archives the chat once the message went out.
 */
class SandboxArchiveEndToEndTest {
    static final String OWN = "+34600000032";
    static final String CONTACT = "+34699000008";

    @TempDir
    Path dir;
    SandboxServer sandbox;
    DaemonFixture fx;
    McpTestClient mcp;
    SandboxPhone phone;

    @BeforeEach
    void start() throws Exception {
        sandbox = SandboxServer.create().start("127.0.0.1", 0);
        fx = DaemonFixture.onSandbox(dir.resolve("data"), sandbox);
        mcp = new McpTestClient(fx.baseUrl(), fx.token);
        String qr = mcp.ok("connect_whatsapp", "label", "Shop").get("qr").asText();
        phone = sandbox.phone(OWN);
        phone.scan(qr);
        until("connected", () -> "connected".equals(Db.one(fx.database(), "SELECT status FROM sessions WHERE id = 1").get("status")));
        // the phone shares its app-state key right after the device's first prekey upload
        until("the app-state key arrived", () -> Db.count(fx.database(),
                "SELECT count(*) FROM key_material WHERE session_id = 1 AND namespace = 'app-state-key'") > 0);
    }

    @AfterEach
    void stop() {
        mcp.close();
        fx.close();
        sandbox.close();
    }

    @Test
    void archiveAndUnarchiveReachThePhone() {
        JsonNode archived = mcp.ok("archive_whatsapp_chat", "phone", CONTACT).json();
        assertEquals(1, archived.get("session_id").asInt(), archived.toString());
        assertTrue(archived.get("archived").asBoolean(), archived.toString());
        until("the phone shows the chat archived", () -> phone.isArchived(CONTACT));

        JsonNode unarchived = mcp.ok("archive_whatsapp_chat", "session_id", 1, "phone", CONTACT, "archived", false).json();
        assertFalse(unarchived.get("archived").asBoolean(), unarchived.toString());
        until("the phone shows it unarchived", () -> !phone.isArchived(CONTACT) && !phone.chats().isEmpty());

        McpTestClient.Result bad = mcp.call("archive_whatsapp_chat", "phone", "600000000");
        assertTrue(bad.isError(), bad.text());
    }

    @Test
    void archiveAfterSendArchivesOnceTheMessageWentOut() {
        SandboxPhone contact = sandbox.phone(CONTACT).register();
        McpTestClient.Result sent = mcp.ok("send_whatsapp_message", "phone", CONTACT, "message", "Your order has shipped",
                "archive_after_send", true);
        assertEquals("sent", sent.get("status").asText(), sent.text());
        until("the contact got it", () -> !contact.messages().isEmpty());
        until("the chat is archived on our phone", () -> phone.isArchived(CONTACT));
    }
}
