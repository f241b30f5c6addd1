package dev.wabridge.daemon;

import dev.wabridge.daemon.auth.FirstToken;
import dev.wabridge.daemon.config.DaemonConfig;
import dev.wabridge.daemon.time.TimeSource;
import dev.wabridge.sandbox.SandboxServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** A daemon started in-process on a free port with its own data directory. */
public final class DaemonFixture implements AutoCloseable {
    public final Daemon daemon;
    public final String token;
    public final String output;
    public final Path dataDir;

    private DaemonFixture(Daemon daemon, String token, String output, Path dataDir) {
        this.daemon = daemon;
        this.token = token;
        this.output = output;
        this.dataDir = dataDir;
    }

    public static DaemonFixture start(Path dataDir, String... settings) throws Exception {
        return start(dataDir, TimeSource.system(), settings);
    }

    /**
     * The daemon on the real whatsapp-web transport, pointed at {@code sandbox} (its media over
     * plain http on loopback, as run --sandbox does); {@code more} settings come after and win.
     */
    public static DaemonFixture onSandbox(Path dataDir, SandboxServer sandbox, String... more) throws Exception {
        List<String> settings = new ArrayList<>(List.of("transport", "whatsapp-web", "transport.url", sandbox.url(),
                "transport.root_key", sandbox.rootPublicKeyHex(), "transport.media_insecure_http", "true"));
        settings.addAll(List.of(more));
        return start(dataDir, settings.toArray(String[]::new));
    }

    public static DaemonFixture start(Path dataDir, TimeSource time, String... settings) throws Exception {
        Properties p = new Properties();
        p.setProperty("data_dir", dataDir.toString());
        p.setProperty("mcp.port", "0");
        for (int i = 0; i < settings.length; i += 2) {
            p.setProperty(settings[i], settings[i + 1]);
        }
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
        Daemon daemon = Daemon.start(DaemonConfig.load(null, p), out, true, time);
        String text = captured.toString(StandardCharsets.UTF_8);
        return new DaemonFixture(daemon, firstToken(dataDir, text), text, dataDir);
    }

    /**
     * The token the daemon created at this start: printed on a terminal, else written to the
     * data directory's first-admin-token file (tests never run on a terminal). Null when the
     * daemon created none this time (the output then does not mention one).
     */
    public static String firstToken(Path dataDir, String output) throws IOException {
        String printed = output.lines().filter(l -> l.startsWith("wab_")).findFirst().orElse(null);
        if (printed != null || !output.contains(FirstToken.FILE)) {
            return printed;
        }
        return Files.readString(dataDir.resolve(FirstToken.FILE), StandardCharsets.US_ASCII).trim();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + daemon.server().tcpAddress().getPort();
    }

    public Path database() {
        return dataDir.resolve("wabridge.db");
    }

    @Override
    public void close() {
        daemon.close();
    }
}
