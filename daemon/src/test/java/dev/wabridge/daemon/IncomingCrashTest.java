package dev.wabridge.daemon;

import dev.wabridge.sandbox.SandboxPhone;
import dev.wabridge.sandbox.SandboxServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.wabridge.testkit.Eventually.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of a real daemon process in the middle of a burst of incoming end-to-end encrypted
 * messages, then a restart: the server (the sandbox, in this JVM, which lives on) delivers
 * again whatever the daemon had not acked, and every message is logged exactly once; none is
 * decrypted twice (a second decrypt of a stanza whose ratchet step was committed would fail
 * and show as a retry receipt, "cannot decrypt" in the daemon's log, and a missing message).
 */
class IncomingCrashTest {
    static final String OWN = "+34600000041";
    static final String CONTACT = "+34699000008";
    static final int BURST = 30;

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("try") // the restarted daemon only has to run while the block runs
    void aKillMidBurstLosesNoIncomingMessageAndDecryptsNoneTwice() throws Exception {
        try (SandboxServer sandbox = SandboxServer.create().start("127.0.0.1", 0)) {
            Path data = dir.resolve("data");
            Path db = data.resolve("wabridge.db");
            Path config = dir.resolve("wabridge.properties");
            Files.writeString(config, String.join("\n", "transport = whatsapp-web", "transport.url = " + sandbox.url(),
                    "transport.root_key = " + sandbox.rootPublicKeyHex(), "mcp.unix_socket = off") + "\n");
            Path log = dir.resolve("daemon.log");
            SandboxPhone contact = sandbox.phone(CONTACT).register();

            DaemonProcess first = DaemonProcess.start(data, config, log);
            String token = first.token;
            try (McpTestClient mcp = new McpTestClient(first.baseUrl(), token)) {
                sandbox.phone(OWN).scan(mcp.ok("connect_whatsapp", "label", "crash").get("qr").asText());
                until("connected and reachable", () -> sandbox.preKeyCount(OWN.substring(1) + ":1@s.whatsapp.net") > 0);
                Thread burst = Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < BURST; i++) {
                        contact.send(OWN, "incoming " + i);
                    }
                });
                try {
                    until("a few logged", Duration.ofSeconds(30),
                            () -> Db.count(db, "SELECT count(*) FROM messages WHERE direction = 'incoming'") >= 5);
                } finally {
                    first.kill();
                }
                burst.join();
            }
            long beforeRestart = Db.count(db, "SELECT count(*) FROM messages WHERE direction = 'incoming'");
            assertTrue(beforeRestart < BURST, "the kill came before the burst was all stored: " + beforeRestart);

            try (DaemonProcess second = DaemonProcess.start(data, config, log)) {
                until("every message logged after the restart", Duration.ofSeconds(30),
                        () -> Db.count(db, "SELECT count(*) FROM messages WHERE direction = 'incoming'") == BURST);
                List<Map<String, Object>> rows = Db.rows(db, "SELECT text, message_id FROM messages WHERE direction = 'incoming'");
                Set<String> texts = new HashSet<>();
                rows.forEach(r -> texts.add((String) r.get("text")));
                assertEquals(BURST, texts.size(), "each message exactly once");
                until("the phone saw every delivery receipt", () -> contact.messages().stream()
                        .filter(m -> "outgoing".equals(m.get("direction"))).allMatch(m -> !"sent".equals(m.get("status"))));
                String daemonLog = Files.readString(log);
                assertFalse(daemonLog.contains("cannot decrypt"), "no message was decrypted twice (or failed to decrypt)");
                System.out.printf("incoming crash test: %d of %d stored before the kill, %d after the restart%n", beforeRestart, BURST, BURST);
            }
        }
    }
}
