package dev.wabridge.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wabridge.sandbox.SandboxPhone;
import dev.wabridge.sandbox.SandboxServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.wabridge.testkit.Eventually.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Archiving over MCP for an account that already has chat settings (the fixture of
 * SandboxArchiveEndToEndTest, but the phone archived a chat before the session linked): the
 * session's first sync of regular_low gets a snapshot on the sandbox's media host, downloads and
 * applies it, and archive_whatsapp_chat works; the phone shows both chats archived. Without the
 * plain-http media setting the same call fails and says the snapshot could not be downloaded.
 */
class SandboxSnapshotArchiveEndToEndTest {
    static final String OWN = "+34600000033";
    static final String EARLIER = "+34699000007";
    static final String CONTACT = "+34699000006";

    @TempDir
    Path dir;
    SandboxServer sandbox;
    DaemonFixture fx;
    McpTestClient mcp;
    SandboxPhone phone;

    private void linkToAPhoneWithState(boolean plainHttpMedia) throws Exception {
        sandbox = SandboxServer.create().start("127.0.0.1", 0);
        phone = sandbox.phone(OWN);
        phone.archive(EARLIER, true);
        fx = DaemonFixture.onSandbox(dir.resolve("data"), sandbox, "transport.media_insecure_http", Boolean.toString(plainHttpMedia),
                "transport.media_timeout_ms", "5000");
        mcp = new McpTestClient(fx.baseUrl(), fx.token);
        phone.scan(mcp.ok("connect_whatsapp", "label", "Shop").get("qr").asText());
        until("connected", () -> "connected".equals(Db.one(fx.database(), "SELECT status FROM sessions WHERE id = 1").get("status")));
        until("the app-state key arrived", () -> Db.count(fx.database(),
                "SELECT count(*) FROM key_material WHERE session_id = 1 AND namespace = 'app-state-key'") > 0);
    }

    @AfterEach
    void stop() {
        if (mcp != null) {
            mcp.close();
        }
        if (fx != null) {
            fx.close();
        }
        sandbox.close();
    }

    @Test
    void archivingWorksOnAnAccountWithEarlierState() throws Exception {
        linkToAPhoneWithState(true);
        JsonNode archived = mcp.ok("archive_whatsapp_chat", "phone", CONTACT).json();
        assertTrue(archived.get("archived").asBoolean(), archived.toString());
        assertEquals(1, sandbox.mediaDownloads(), "the snapshot came from the media host");
        until("the phone shows both chats archived", () -> phone.isArchived(EARLIER) && phone.isArchived(CONTACT));
    }

    @Test
    void withoutPlainHttpTheSandboxSnapshotCannotBeHadAndTheToolSaysSo() throws Exception {
        linkToAPhoneWithState(false);
        McpTestClient.Result failed = mcp.call("archive_whatsapp_chat", "phone", CONTACT);
        assertTrue(failed.isError(), failed.text());
        assertTrue(failed.text().contains("could not be downloaded from WhatsApp's media servers"), failed.text());
        assertEquals(0, sandbox.mediaDownloads());
    }
}
