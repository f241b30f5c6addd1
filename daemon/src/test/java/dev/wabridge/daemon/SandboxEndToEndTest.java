package dev.wabridge.daemon;

import dev.wabridge.sandbox.SandboxServer;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static dev.wabridge.testkit.Eventually.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daemon with the real whatsapp-web transport against the sandbox, over MCP (official
 * SDK client) and real sockets: QR pairing, status with the phone number, login from SQLite
 * after a restart without a new QR, reconnect after a dropped socket, forced logout.
 */
class SandboxEndToEndTest {
    static final String PHONE = "+34600000001";

    @TempDir
    Path dir;
    SandboxServer sandbox;
    DaemonFixture fx;
    McpTestClient mcp;

    @BeforeEach
    void start() throws Exception {
        sandbox = SandboxServer.create().start("127.0.0.1", 0);
        startDaemon();
    }

    private void startDaemon() throws Exception {
        fx = DaemonFixture.onSandbox(dir.resolve("data"), sandbox);
        mcp = new McpTestClient(fx.baseUrl(), fx.token != null ? fx.token : token);
        if (fx.token != null) {
            token = fx.token;
        }
    }

    private String token;

    @AfterEach
    void stop() {
        mcp.close();
        fx.close();
        sandbox.close();
    }

    private String status() {
        return (String) Db.one(fx.database(), "SELECT status FROM sessions WHERE id = 1").get("status");
    }

    /** Issue 11, item 9: deleting a (disconnected) session logs its device out first, so the phone stops listing it. */
    @Test
    void deletingASessionRemovesItsDeviceFromThePhone() throws Exception {
        McpTestClient.Result r = mcp.ok("connect_whatsapp", "label", "Temp");
        String device = sandbox.phone(PHONE).scan(r.get("qr").asText());
        until("connected", () -> "connected".equals(status()));
        assertEquals(List.of(device), sandbox.linkedDevices(PHONE));
        mcp.ok("disconnect_whatsapp", "session_id", 1);
        until("offline", () -> sandbox.onlineDevices(PHONE).isEmpty());

        McpTestClient.Result deleted = mcp.ok("delete_whatsapp_session", "session_id", 1);
        assertTrue(deleted.get("logged_out_on_whatsapp").asBoolean(), deleted.text());
        assertTrue(deleted.text().contains("logged out on WhatsApp"), deleted.text());
        assertEquals(List.of(), sandbox.linkedDevices(PHONE), "the phone no longer lists the device");
        assertEquals(0, Db.count(fx.database(), "SELECT count(*) FROM sessions"));
        assertEquals(0, Db.count(fx.database(), "SELECT count(*) FROM key_material"));
    }

    @Test
    void linkingByPhoneNumberWithAPairingCode() throws Exception {
        McpTestClient.Result r = mcp.ok("connect_whatsapp", "label", "Headless", "phone", "+34600000011");
        String code = r.get("pairing_code").asText();
        assertTrue(code.matches("[1-9A-HJ-NP-TV-Z]{4}-[1-9A-HJ-NP-TV-Z]{4}"), code);
        assertTrue(r.text().contains(code) && r.text().contains("Link with phone number"), r.text());
        sandbox.phone("+34600000011").enterLinkCode(code);
        until("connected", () -> "connected".equals(status()));
        assertEquals("+34600000011", mcp.ok("get_whatsapp_status").get("sessions").get(0).get("phone").asText());
    }

    @Test
    void pairLoginAfterRestartReconnectAndLogout() throws Exception {
        McpTestClient.Result r = mcp.ok("connect_whatsapp", "label", "Sales Team");
        assertEquals("qr_pending", r.get("status").asText());
        String qr = r.get("qr").asText();
        assertTrue(qr.startsWith("https://wa.me/settings/linked_devices#"), qr);
        McpSchema.ImageContent png = (McpSchema.ImageContent) r.raw().content().stream()
                .filter(c -> c instanceof McpSchema.ImageContent).findFirst().orElseThrow();
        assertNotNull(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(png.data()))));

        String device = sandbox.phone(PHONE).scan(qr);
        until("connected", () -> "connected".equals(status()));
        var s = mcp.ok("get_whatsapp_status").get("sessions").get(0);
        assertEquals(PHONE, s.get("phone").asText());
        assertEquals("Sales Team", s.get("label").asText());
        assertTrue(Db.count(fx.database(), "SELECT count(*) FROM key_material WHERE session_id = 1 AND namespace = 'creds'") >= 8,
                "credentials in SQLite");

        // restart: logs in from SQLite, no new QR
        mcp.close();
        fx.close();
        until("offline while the daemon is down", () -> sandbox.onlineDevices(PHONE).isEmpty());
        startDaemon();
        until("logged in again", () -> "connected".equals(status()) && sandbox.onlineDevices(PHONE).size() == 1);
        assertNull(Db.one(fx.database(), "SELECT qr FROM sessions WHERE id = 1").get("qr"));
        assertEquals(List.of(device), sandbox.linkedDevices(PHONE), "still the one linked device");

        // the sandbox drops the socket: the session reconnects by itself
        assertTrue(sandbox.drop(device));
        until("disconnected", () -> !"connected".equals(status()) || sandbox.onlineDevices(PHONE).isEmpty());
        until("reconnected", () -> "connected".equals(status()) && sandbox.onlineDevices(PHONE).size() == 1);

        // forced logout from the server side
        assertTrue(sandbox.forceLogout(device));
        until("logged out", () -> "logged_out".equals(status()));
        assertEquals(0, Db.count(fx.database(), "SELECT count(*) FROM key_material WHERE session_id = 1"));
        assertTrue(mcp.ok("get_whatsapp_status").get("sessions").get(0).get("status_reason").asText().contains("device removed"));
    }
}
