package dev.wabridge.bench;

import dev.wabridge.daemon.Daemon;
import dev.wabridge.daemon.auth.FirstToken;
import dev.wabridge.daemon.config.DaemonConfig;
import dev.wabridge.daemon.time.TimeSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The daemon in this JVM as it runs in production: SQLite store, the whatsapp-web transport,
 * MCP over HTTP with a bearer token; only the transport points at a sandbox.
 */
final class InProcessDaemon implements AutoCloseable {
    final Daemon daemon;
    final String token;
    final Path dataDir;

    private InProcessDaemon(Daemon daemon, String token, Path dataDir) {
        this.daemon = daemon;
        this.token = token;
        this.dataDir = dataDir;
    }

    /**
     * Starts the daemon with its transport at {@code transportUrl} (a sandbox, or a relay in
     * front of one). Its data directory is a fresh one under $WABRIDGE_BENCH_DATA_DIR (else
     * the system's temp directory): the store commits with fsync, so the disk under it matters.
     */
    static InProcessDaemon start(String transportUrl, String rootKey) throws IOException, InterruptedException {
        String parent = System.getenv("WABRIDGE_BENCH_DATA_DIR");
        Path dataDir = parent == null || parent.isBlank() ? Files.createTempDirectory("wabridge-bench-")
                : Files.createTempDirectory(Path.of(parent), "wabridge-bench-");
        Properties p = new Properties();
        p.setProperty("data_dir", dataDir.toString());
        p.setProperty("mcp.port", "0");
        p.setProperty("mcp.unix_socket", "off");
        p.setProperty("log.level", "warn");
        p.setProperty("transport", "whatsapp-web");
        p.setProperty("transport.url", transportUrl);
        p.setProperty("transport.root_key", rootKey);
        // Enough credits for every send of the run; the reservation itself stays in the measured path.
        p.setProperty("credits.starting_balance", Integer.toString(Integer.MAX_VALUE));
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Daemon daemon = Daemon.start(DaemonConfig.load(null, p), new PrintStream(captured, true, StandardCharsets.UTF_8), false,
                TimeSource.system());
        // Not a terminal: the first token goes to a 0600 file in the data directory, never to stdout (issue 11).
        Path tokenFile = dataDir.resolve(FirstToken.FILE);
        String token = Files.exists(tokenFile) ? Files.readString(tokenFile, StandardCharsets.UTF_8).lines()
                .map(String::strip).filter(l -> l.startsWith("wab_")).findFirst().orElse(null) : null;
        if (token == null) {
            throw new IllegalStateException("the daemon wrote no first token to " + tokenFile + "; it said: " + captured);
        }
        System.out.println("daemon data directory (SQLite, synchronous=FULL): " + dataDir);
        return new InProcessDaemon(daemon, token, dataDir);
    }

    int mcpPort() {
        return daemon.server().tcpAddress().getPort();
    }

    Path database() {
        return dataDir.resolve("wabridge.db");
    }

    @Override
    public void close() throws IOException {
        daemon.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
