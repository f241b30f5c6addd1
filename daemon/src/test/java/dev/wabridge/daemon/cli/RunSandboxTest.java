package dev.wabridge.daemon.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's first command, `run --sandbox`, on a fresh data directory and again on the same
 * one: both starts reach the MCP endpoint (the sandbox's own state file must not read as a lost
 * database on the first start, nor the restart be refused).
 */
class RunSandboxTest {
    @TempDir
    Path dir;

    private List<String> startAndStop(Path data) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "--sandbox",
                "--data-dir", data.toString(), "--http-port", "0").redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (line.startsWith("wabridge MCP endpoint:")) {
                    break;
                }
            }
        } finally {
            p.destroy();
            p.waitFor(20, TimeUnit.SECONDS);
        }
        return lines;
    }

    @Test
    void theTransportIsPointedAtTheSandboxAndMayFetchItsMediaOverPlainHttp() throws Exception {
        java.util.Properties overrides = new java.util.Properties();
        try (var sandbox = SandboxMode.start(dir.resolve("state"), overrides, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))) {
            assertTrue(overrides.getProperty("transport.url").equals(sandbox.url()));
            assertTrue("true".equals(overrides.getProperty("transport.media_insecure_http")), overrides.toString());
        }
    }

    @Test
    void runSandboxStartsFreshAndAgain() throws Exception {
        Path data = dir.resolve("data");
        List<String> first = startAndStop(data);
        assertTrue(first.stream().anyMatch(l -> l.startsWith("wabridge MCP endpoint:")), String.join("\n", first));
        assertTrue(first.stream().anyMatch(l -> l.contains("demo contacts")), String.join("\n", first));
        List<String> second = startAndStop(data);
        assertTrue(second.stream().anyMatch(l -> l.startsWith("wabridge MCP endpoint:")), String.join("\n", second));
    }
}
