package dev.wabridge.daemon.cli;

import dev.wabridge.daemon.DaemonProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `wabridge run` as a real child process: prints where it listens, serves, stops cleanly on SIGTERM. */
class DaemonProcessTest {
    @TempDir
    Path dir;

    @Test
    void runsAndStopsGracefullyOnSigterm() throws Exception {
        DaemonProcess p = DaemonProcess.start(dir.resolve("data"), dir.resolve("daemon.log"));
        try {
            assertNotNull(p.token);
            assertTrue(Files.exists(dir.resolve("data/wabridge.sock")));
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(p.url))
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .header("Authorization", "Bearer " + p.token)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\"}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());

            p.process.destroy(); // SIGTERM
            assertTrue(p.process.waitFor(15, TimeUnit.SECONDS), "daemon exits after SIGTERM");
            assertFalse(Files.exists(dir.resolve("data/wabridge.sock")), "socket removed on clean shutdown");
        } finally {
            p.process.destroyForcibly();
        }
    }
}
