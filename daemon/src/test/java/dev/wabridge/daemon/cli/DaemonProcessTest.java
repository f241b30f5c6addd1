package dev.wabridge.daemon.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", "--data-dir", dir.toString(), "--http-port", "0")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
            String url = null;
            String token = null;
            List<String> seen = new ArrayList<>();
            String line;
            while (url == null && (line = out.readLine()) != null) {
                seen.add(line);
                if (line.startsWith("wab_")) {
                    token = line;
                }
                if (line.startsWith("wabridge MCP endpoint: ")) {
                    url = line.substring("wabridge MCP endpoint: ".length());
                }
            }
            assertNotNull(url, String.join("\n", seen));
            assertNotNull(token);
            assertTrue(Files.exists(dir.resolve("wabridge.sock")));
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\"}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());

            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(15, TimeUnit.SECONDS), "daemon exits after SIGTERM");
            assertFalse(Files.exists(dir.resolve("wabridge.sock")), "socket removed on clean shutdown");
        } finally {
            p.destroyForcibly();
        }
    }
}
