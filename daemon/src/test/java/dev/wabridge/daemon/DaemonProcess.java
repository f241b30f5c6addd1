package dev.wabridge.daemon;

import dev.wabridge.daemon.cli.Main;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** `wabridge run` in a child JVM with the test classpath (so the scripted transport is there). */
public final class DaemonProcess implements AutoCloseable {
    public final Process process;
    public final String url;
    public final String token;

    private DaemonProcess(Process process, String url, String token) {
        this.process = process;
        this.url = url;
        this.token = token;
    }

    /** Starts with only a data directory (no config file). */
    public static DaemonProcess start(Path dataDir, Path log) throws Exception {
        return start(dataDir, null, log);
    }

    public static DaemonProcess start(Path dataDir, Path config, Path log) throws Exception {
        return start(dataDir, config, log, List.of());
    }

    /** With JVM options before the main class, e.g. -Xmx256m (what the JVM picks on a 1 GiB VPS). */
    public static DaemonProcess start(Path dataDir, Path config, Path log, List<String> jvmOptions) throws Exception {
        List<String> command = new ArrayList<>(command(jvmOptions, "run", "--data-dir", dataDir.toString(), "--http-port", "0"));
        if (config != null) {
            command.addAll(List.of("--config", config.toString()));
        }
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
        String url = null;
        List<String> seen = new ArrayList<>();
        String line;
        while (url == null && (line = out.readLine()) != null) {
            seen.add(line);
            if (line.startsWith("wabridge MCP endpoint: ")) {
                url = line.substring("wabridge MCP endpoint: ".length());
            }
        }
        if (url == null) {
            p.destroyForcibly();
            throw new IllegalStateException("daemon did not start: " + seen);
        }
        Thread.ofVirtual().start(() -> {
            try {
                out.transferTo(java.io.Writer.nullWriter());
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        return new DaemonProcess(p, url, DaemonFixture.firstToken(dataDir, String.join("\n", seen)));
    }

    /** A `wabridge` command line in a child JVM with the test classpath. */
    public static List<String> command(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    public String baseUrl() {
        return url.substring(0, url.length() - "/mcp".length());
    }

    /** kill -9: no shutdown hook, no flush, nothing graceful. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, then waits for the process to end (an interrupt stops the wait, not the process). */
    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
