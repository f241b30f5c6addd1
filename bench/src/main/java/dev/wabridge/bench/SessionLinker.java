package dev.wabridge.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Links N daemon sessions the way a user does, over MCP: connect_whatsapp shows a QR code,
 * the session's sandbox phone scans it, the transport pairs, reconnects and logs in. A few
 * links run in parallel: each waits on round trips and on the store's fsyncs, not on the CPU.
 */
final class SessionLinker {
    private final McpClient mcp;
    private final QrScanner scanner;
    private final int parallel;

    SessionLinker(McpClient mcp, QrScanner scanner, int parallel) {
        this.mcp = mcp;
        this.scanner = scanner;
        this.parallel = parallel;
    }

    /** Phone of session i: +3460 followed by i in seven digits. */
    static String ownPhone(int i) {
        return TransportPairing.ownPhone(i);
    }

    /** Links n sessions to phones {@link #ownPhone} 1..n and waits until all are connected; returns their ids in order. */
    List<Long> link(int n) throws Exception {
        long start = System.nanoTime();
        List<Long> ids = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<Long>> linked = new ArrayList<>();
            for (int w = 0; w < parallel; w++) {
                int first = w + 1;
                linked.add(pool.submit(() -> {
                    try (McpConnection c = mcp.open()) {
                        for (int i = first; i <= n; i += parallel) {
                            linkOne(c, i);
                        }
                    }
                    return 0L;
                }));
            }
            for (Future<Long> f : linked) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        try (McpConnection control = mcp.open()) {
            long deadline = System.nanoTime() + (60_000L + 200L * n) * 1_000_000;
            while (true) {
                JsonNode sessions = mcp.call(control, "get_whatsapp_status", mcp.arguments()).get("sessions");
                ids.clear();
                for (JsonNode s : sessions) {
                    if ("connected".equals(s.path("status").asText())) {
                        ids.add(s.get("session_id").asLong());
                    }
                }
                if (ids.size() == n) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + ids.size() + " of " + n + " sessions connected");
                }
                Thread.sleep(500);
            }
        }
        ids.sort(null);
        System.out.printf("sessions linked over MCP and connected: %d in %.1f s (%d links at a time)%n", n,
                (System.nanoTime() - start) / 1e9, parallel);
        return ids;
    }

    private void linkOne(McpConnection c, int i) throws IOException, InterruptedException {
        JsonNode created = mcp.call(c, "connect_whatsapp", mcp.arguments().put("label", "bench " + i));
        long id = created.get("session_id").asLong();
        String qr = created.path("qr").asText(null);
        while (qr == null) {
            Thread.sleep(100);
            qr = mcp.call(c, "get_whatsapp_qr", mcp.arguments().put("session_id", id)).path("qr").asText(null);
        }
        scanner.scan(ownPhone(i), qr);
    }
}
