package dev.wabridge.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Links N daemon sessions the way a user does, over MCP: connect_whatsapp shows a QR code,
 * the session's sandbox phone scans it, the transport pairs, reconnects and logs in. The
 * sandbox is in this JVM, so its phones scan through its Java API (the same call its HTTP
 * test API makes).
 */
final class SessionLinker {
    private final InProcessDaemon daemon;
    private final McpClient mcp;

    SessionLinker(InProcessDaemon daemon, McpClient mcp) {
        this.daemon = daemon;
        this.mcp = mcp;
    }

    /** Links sessions 1..n to phones {@link DaemonSendOverheadHarness#ownPhone} and waits until all are connected. */
    List<SendProbe> link(int n) throws IOException, InterruptedException {
        long start = System.nanoTime();
        List<SendProbe> probes = new ArrayList<>();
        try (McpConnection control = mcp.open()) {
            for (int i = 1; i <= n; i++) {
                JsonNode created = mcp.call(control, "connect_whatsapp", mcp.arguments().put("label", "bench " + i));
                long id = created.get("session_id").asLong();
                String qr = created.path("qr").asText(null);
                while (qr == null) {
                    Thread.sleep(100);
                    qr = mcp.call(control, "get_whatsapp_qr", mcp.arguments().put("session_id", id)).path("qr").asText(null);
                }
                daemon.sandbox.phone(DaemonSendOverheadHarness.ownPhone(i)).scan(qr);
                probes.add(new SendProbe(id, mcp));
            }
            long deadline = System.nanoTime() + (60_000L + 200L * n) * 1_000_000;
            int connected = 0;
            while (connected < n) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + connected + " of " + n + " sessions connected");
                }
                Thread.sleep(500);
                JsonNode sessions = mcp.call(control, "get_whatsapp_status", mcp.arguments()).get("sessions");
                connected = 0;
                for (JsonNode s : sessions) {
                    connected += "connected".equals(s.path("status").asText()) ? 1 : 0;
                }
            }
        }
        System.out.printf("sessions linked over MCP and connected: %d in %.1f s%n", n, (System.nanoTime() - start) / 1e9);
        return probes;
    }
}
