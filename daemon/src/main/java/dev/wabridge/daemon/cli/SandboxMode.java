package dev.wabridge.daemon.cli;

import dev.wabridge.daemon.Daemon;
import dev.wabridge.daemon.datadir.DataDirectory;
import dev.wabridge.daemon.store.FilePermissions;
import dev.wabridge.sandbox.SandboxServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * run --sandbox: the sandbox in-process on loopback, the transport pointed at it (its chat socket,
 * certificate root and plain-http media host), and a phone
 * for each session that scans its QR code after a moment, so a newcomer sees the whole flow
 * (QR → connected) on one machine, and demo contacts +34699000001 … +34699000009 whose phones
 * send delivery and read receipts and answer each text (send → delivered → read → reply). The
 * sandbox keeps its keys and linked devices in the data directory, so a restarted daemon logs
 * in again without a new QR.
 */
final class SandboxMode {
    private static final Logger log = LoggerFactory.getLogger(SandboxMode.class);

    /** Demo contacts, a range apart from the phones that link sessions (+3460000NNNN). */
    static final int DEMO_CONTACTS = 9;

    private SandboxMode() {
    }

    static String demoContact(int n) {
        return String.format("+3469900000%d", n);
    }

    static SandboxServer start(Path dataDir, Properties overrides, PrintStream out) throws IOException, InterruptedException {
        FilePermissions.privateDirectory(dataDir);
        SandboxServer sandbox = SandboxServer.persistent(dataDir.resolve(DataDirectory.SANDBOX_STATE)).start("127.0.0.1", 0);
        overrides.setProperty("transport", "whatsapp-web");
        overrides.setProperty("transport.url", sandbox.url());
        overrides.setProperty("transport.root_key", sandbox.rootPublicKeyHex());
        // the sandbox's media host (app-state snapshots) is its own loopback port, over plain http
        overrides.setProperty("transport.media_insecure_http", "true");
        out.println("sandbox (stand-in for WhatsApp, loopback only): " + sandbox.url());
        out.println("sandbox certificate root: " + sandbox.rootPublicKeyHex());
        out.println("sandbox test API:          http://127.0.0.1:" + sandbox.port() + "/sandbox/info (docs/sandbox.md)");
        for (int i = 1; i <= DEMO_CONTACTS; i++) {
            sandbox.phone(demoContact(i)).register().autoReply(true);
        }
        out.println("sandbox demo contacts " + demoContact(1) + " … " + demoContact(DEMO_CONTACTS)
                + " read every text and answer it: send_whatsapp_message to one, then get_whatsapp_message_logs");
        return sandbox;
    }

    /** The demo phone of session N is +3460000NNNN; it scans each QR code 2 s after it appears. */
    static void autoScan(Daemon daemon, SandboxServer sandbox, PrintStream out) {
        ScheduledExecutorService scanner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sandbox-phone");
            t.setDaemon(true);
            return t;
        });
        daemon.sessions().onQr((sessionId, qr) -> scanner.schedule(() -> {
            String phone = String.format("+3460000%04d", sessionId % 10_000);
            try {
                String device = sandbox.phone(phone).scan(qr);
                out.println("sandbox phone " + phone + " scanned the QR code of session " + sessionId + " (linked as " + device + ")");
            } catch (IllegalArgumentException e) {
                log.debug("sandbox phone: {}", e.getMessage()); // a code that rotated meanwhile
            }
        }, 2, TimeUnit.SECONDS));
        out.println("sandbox phones scan QR codes automatically: call connect_whatsapp and watch get_whatsapp_status");
    }
}
