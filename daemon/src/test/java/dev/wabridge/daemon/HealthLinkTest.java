package dev.wabridge.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wabridge.daemon.health.HealthService;
import dev.wabridge.daemon.scripted.ScriptedNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static dev.wabridge.testkit.Eventually.until;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * get_whatsapp_health tells a live link from one that only looks connected: a session whose
 * transport heard nothing from WhatsApp for longer than {@link HealthService#DEAF_AFTER} is
 * "connected_but_deaf" and the daemon degraded; fresh traffic makes it "connected" again.
 */
class HealthLinkTest {
    @TempDir
    Path dir;

    @Test
    void aSilentConnectedSessionIsReportedDeaf() throws Exception {
        ScriptedNetwork.reset();
        try (DaemonFixture fx = DaemonFixture.start(dir.resolve("data"), "transport", "scripted");
             McpTestClient mcp = new McpTestClient(fx.baseUrl(), fx.token)) {
            McpTestClient.Result r = mcp.ok("connect_whatsapp", "label", "Main");
            long id = r.get("session_id").asLong();
            ScriptedNetwork.scan(r.get("qr").asText(), "+34611111114");
            until("connected", () -> "connected".equals(Db.one(fx.database(), "SELECT status FROM sessions").get("status")));

            ScriptedNetwork.session(id).lastInbound = Instant.now();
            JsonNode live = mcp.ok("get_whatsapp_health").json();
            assertEquals("connected", live.get("sessions").get(0).get("link").asText(), live.toString());
            assertEquals("ok", live.get("status").asText(), live.toString());

            ScriptedNetwork.session(id).lastInbound = Instant.now().minus(HealthService.DEAF_AFTER).minusSeconds(5);
            JsonNode deaf = mcp.ok("get_whatsapp_health").json();
            assertEquals("connected_but_deaf", deaf.get("sessions").get(0).get("link").asText(), deaf.toString());
            assertEquals("degraded", deaf.get("status").asText());
        }
    }
}
