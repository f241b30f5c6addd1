package dev.wabridge.bench;

import dev.wabridge.daemon.Daemon;
import dev.wabridge.daemon.config.DaemonConfig;
import dev.wabridge.daemon.time.TimeSource;
import dev.wabridge.sandbox.SandboxServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The daemon as it runs in production (SQLite store, whatsapp-web transport, MCP over HTTP
 * with a bearer token) and the sandbox in the same JVM, with a {@link FrameTap} between the
 * transport and the sandbox so a send's frame can be timed on the wire.
 */
final class InProcessDaemon implements AutoCloseable {
    final SandboxServer sandbox;
    final FrameTap tap;
    final Daemon daemon;
    final String token;
    final Path dataDir;

    private InProcessDaemon(SandboxServer sandbox, FrameTap tap, Daemon daemon, String token, Path dataDir) {
        this.sandbox = sandbox;
        this.tap = tap;
        this.daemon = daemon;
        this.token = token;
        this.dataDir = dataDir;
    }

    /**
     * Starts the sandbox, the tap (frames of at least {@code minFramePayload} bytes) and the
     * daemon, whose data directory is a fresh one under $WABRIDGE_BENCH_DATA_DIR (else the
     * system's temp directory): the store commits with fsync, so the disk under it matters.
     */
    static InProcessDaemon start(int minFramePayload) throws IOException, InterruptedException {
        SandboxServer sandbox = SandboxServer.create().start("127.0.0.1", 0);
        FrameTap tap = new FrameTap(new InetSocketAddress("127.0.0.1", sandbox.port()), minFramePayload);
        String parent = System.getenv("WABRIDGE_BENCH_DATA_DIR");
        Path dataDir = parent == null || parent.isBlank() ? Files.createTempDirectory("wabridge-bench-")
                : Files.createTempDirectory(Path.of(parent), "wabridge-bench-");
        Properties p = new Properties();
        p.setProperty("data_dir", dataDir.toString());
        p.setProperty("mcp.port", "0");
        p.setProperty("mcp.unix_socket", "off");
        p.setProperty("log.level", "warn");
        p.setProperty("transport", "whatsapp-web");
        p.setProperty("transport.url", "ws://127.0.0.1:" + tap.port() + "/ws/chat");
        p.setProperty("transport.root_key", sandbox.rootPublicKeyHex());
        // Enough credits for every send of the run; the reservation itself stays in the measured path.
        p.setProperty("credits.starting_balance", Integer.toString(Integer.MAX_VALUE));
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Daemon daemon = Daemon.start(DaemonConfig.load(null, p), new PrintStream(captured, true, StandardCharsets.UTF_8), false,
                TimeSource.system());
        String token = captured.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("wab_")).findFirst()
                .orElseThrow(() -> new IllegalStateException("the daemon printed no first token"));
        System.out.println("daemon data directory (SQLite, synchronous=FULL): " + dataDir);
        return new InProcessDaemon(sandbox, tap, daemon, token, dataDir);
    }

    int mcpPort() {
        return daemon.server().tcpAddress().getPort();
    }

    @Override
    public void close() throws IOException {
        daemon.close();
        tap.close();
        sandbox.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
