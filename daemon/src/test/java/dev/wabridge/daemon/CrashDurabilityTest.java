package dev.wabridge.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.wabridge.testkit.Eventually.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of a real daemon process in the middle of a burst of sends, then a restart: every
 * accepted message reaches the (scripted) WhatsApp server, and recipients see each exactly
 * once. The server's journal is fsynced per attempt, so it survives the kill.
 */
class CrashDurabilityTest {
    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("try") // the daemon only has to run while the block runs
    void everyAcceptedMessageIsSentExactlyOnceAcrossAKill() throws Exception {
        Path data = dir.resolve("data");
        Path journal = dir.resolve("server-journal.tsv");
        Path config = dir.resolve("wabridge.properties");
        Files.writeString(config, String.join("\n",
                "transport = scripted",
                "transport.auto_pair = +3461000000{session}",
                "transport.journal = " + journal,
                "transport.ack_delay_ms = 20",
                "mcp.unix_socket = off") + "\n");
        Path log = dir.resolve("daemon.log");

        List<String> accepted = new CopyOnWriteArrayList<>();
        String token;
        List<Long> sessions = new ArrayList<>();
        DaemonProcess first = DaemonProcess.start(data, config, log);
        token = first.token;
        AtomicBoolean killed = new AtomicBoolean();
        try (McpTestClient mcp = new McpTestClient(first.baseUrl(), token)) {
            for (int i = 0; i < 3; i++) {
                sessions.add(mcp.ok("connect_whatsapp", "label", "s" + i).get("session_id").asLong());
            }
            until("3 connected", () -> mcp.ok("get_whatsapp_status").get("sessions").findValuesAsText("status")
                    .stream().filter("connected"::equals).count() == 3);

            Thread burst = Thread.ofVirtual().start(() -> {
                int n = 0;
                while (!killed.get()) {
                    long session = sessions.get(n % sessions.size());
                    try {
                        McpTestClient.Result r = mcp.call("send_whatsapp_message", "session_id", session,
                                "phone", "+3460000" + String.format("%04d", n), "message", "burst " + n, "wait_seconds", 0);
                        if (!r.isError()) {
                            accepted.add(r.get("message_id").asText());
                        }
                    } catch (RuntimeException e) {
                        // the daemon died under this request: not accepted, as far as the client knows
                    }
                    n++;
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            // Kill once a dozen are accepted: with 3 s pacing on 3 sessions only a few have left by then,
            // so the kill lands mid-burst however fast or slow this machine is.
            try {
                until("a dozen sends accepted", Duration.ofSeconds(30), () -> accepted.size() >= 12);
            } finally {
                killed.set(true);
                first.kill();
                burst.join();
            }
        }
        int journalBeforeRestart = Files.exists(journal) ? Files.readAllLines(journal).size() : 0;
        assertTrue(journalBeforeRestart < accepted.size(), "the kill came before the queue drained");

        try (DaemonProcess second = DaemonProcess.start(data, config, log)) {
            Path db = data.resolve("wabridge.db");
            until("queue drained after restart", () -> Db.count(db,
                    "SELECT count(*) FROM outbox WHERE status IN ('queued','sending')") == 0);
            // give a last in-flight ack a moment, then compare what the server got
            Set<String> stored = new HashSet<>();
            Db.rows(db, "SELECT message_id FROM outbox WHERE status = 'sent'").forEach(r -> stored.add((String) r.get("message_id")));
            assertEquals(Db.count(db, "SELECT count(*) FROM outbox"), stored.size(), "every stored send ended as sent");
            assertTrue(stored.containsAll(accepted), "no accepted message lost");

            Map<String, Integer> attemptsById = new HashMap<>();
            for (String line : Files.readAllLines(journal)) {
                attemptsById.merge(line.split("\t")[1], 1, Integer::sum);
            }
            assertEquals(stored, attemptsById.keySet(), "the server got exactly the stored messages");
            long resent = attemptsById.values().stream().filter(c -> c > 1).count();
            assertTrue(resent <= sessions.size(), "only a message in flight at the kill is resent (same id): " + resent);
            assertTrue(attemptsById.values().stream().allMatch(c -> c <= 2));
            System.out.printf("crash test: %d accepted, %d stored, %d on the server before the kill, %d resent with the same id%n",
                    accepted.size(), stored.size(), journalBeforeRestart, resent);
        }
    }
}
