package dev.wabridge.daemon.cli;

import dev.wabridge.daemon.Daemon;
import dev.wabridge.daemon.auth.Scopes;
import dev.wabridge.daemon.auth.TokenService;
import dev.wabridge.daemon.config.ConfigException;
import dev.wabridge.daemon.config.DaemonConfig;
import dev.wabridge.daemon.credits.CreditService;
import dev.wabridge.daemon.datadir.DataDirectory;
import dev.wabridge.daemon.datadir.DataDirectoryException;
import dev.wabridge.daemon.datadir.DataDirectoryLock;
import dev.wabridge.daemon.store.ApiToken;
import dev.wabridge.daemon.store.Store;
import dev.wabridge.daemon.store.StoreException;
import dev.wabridge.daemon.store.sqlite.SqliteBackup;
import dev.wabridge.daemon.time.TimeSource;
import dev.wabridge.rpc.stdio.StdioBridge;
import dev.wabridge.sandbox.SandboxServer;
import dev.wabridge.sandbox.SandboxStateException;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** The wabridge command line: run, token, mcp-stdio. */
public final class Main {
    static final String USAGE = """
            usage: wabridge <command> [options]

            commands:
              run [--http-port N] [--sandbox]     run the daemon (port 0 picks a free one and prints it); --sandbox
                                                  also runs the local WhatsApp stand-in with auto-scanning phones
              sandbox [--port N] [--host H]       run only the sandbox (prints its WebSocket URL and root key)
              token create NAME [--scopes LIST]   create an API token (scopes: read,send,admin; default all);
                                                  the token is printed once, alone on the last line
              token list                          list tokens (names, prefixes, scopes; never the tokens)
              token revoke NAME                   revoke a token
              credits add N [--note TEXT]         add N credits (a ledger row)
              credits show                        balance, reserved, available, spent today
              backup FILE                         a consistent copy of the database, also while the daemon runs
                                                  (SQLite's online backup; restore steps in the README)
              mcp-stdio [--token-file F] [--url URL]
                                                  bridge an MCP stdio client (Claude Desktop, editors) to the
                                                  running daemon's Unix socket; the token comes from --token-file,
                                                  else $WABRIDGE_TOKEN (--token T works but every local user sees it in ps)
              version                             print the version

            options every command takes:
              --config FILE     settings file (Java properties; see config/wabridge.properties)
              --data-dir DIR    where the database and the socket live (default ~/.local/share/wabridge)
            """;
    private static final Set<String> COMMON = Set.of("config", "data-dir");

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            out.print(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        String command = args.get(0);
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (command) {
                case "run" -> runDaemon(rest, out);
                case "token" -> token(rest, out);
                case "credits" -> credits(rest, out);
                case "backup" -> backup(rest, out);
                case "sandbox" -> sandbox(rest, out);
                case "mcp-stdio" -> mcpStdio(rest, err);
                case "version" -> {
                    out.println("wabridge " + Daemon.VERSION);
                    yield 0;
                }
                default -> throw new CliArgs.UsageException("unknown command '" + command + "'");
            };
        } catch (CliArgs.UsageException e) {
            err.println("wabridge: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (ConfigException | StoreException | DataDirectoryException | SandboxStateException | IllegalArgumentException e) {
            err.println("wabridge: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("wabridge: " + e);
            return 1;
        }
    }

    private static Set<String> with(String... more) {
        Set<String> s = new HashSet<>(COMMON);
        s.addAll(List.of(more));
        return s;
    }

    static DaemonConfig config(CliArgs a) {
        return DaemonConfig.load(a.get("config") == null ? null : Path.of(a.get("config")), overrides(a));
    }

    static Properties overrides(CliArgs a) {
        Properties overrides = new Properties();
        if (a.get("data-dir") != null) {
            overrides.setProperty("data_dir", a.get("data-dir"));
        }
        if (a.get("http-port") != null) {
            overrides.setProperty("mcp.port", a.get("http-port"));
        }
        return overrides;
    }

    /** The CLI's own connection to the daemon's store (WAL lets it write beside a running daemon). */
    private static Store openStore(DaemonConfig config) {
        return Daemon.openStore(config);
    }

    private static int runDaemon(List<String> args, PrintStream out) throws Exception {
        CliArgs a = CliArgs.parse(args, with("http-port"), Set.of("sandbox"));
        if (!a.positional.isEmpty()) {
            throw new CliArgs.UsageException("run takes no arguments: " + a.positional);
        }
        SandboxServer sandbox = null;
        DaemonConfig config = config(a);
        // First of all: a second daemon on this directory must stop before it touches anything (its socket, the sandbox state).
        DataDirectoryLock lock = DataDirectoryLock.acquire(config.dataDir());
        if (a.flag("sandbox")) {
            Properties overrides = overrides(a);
            try {
                // An existing sandbox state is read (and a bad one reported) first; a new one is
                // created only after the store's check for a lost database, which must not take
                // the state file this very start creates as a sign of earlier use.
                boolean freshSandbox = !Files.exists(config.dataDir().resolve(DataDirectory.SANDBOX_STATE));
                if (!freshSandbox) {
                    sandbox = SandboxMode.start(config.dataDir(), overrides, out);
                }
                Daemon.openStore(config).close();
                if (freshSandbox) {
                    sandbox = SandboxMode.start(config.dataDir(), overrides, out);
                }
                config = DaemonConfig.load(a.get("config") == null ? null : Path.of(a.get("config")), overrides);
            } catch (IOException | InterruptedException | RuntimeException e) {
                if (sandbox != null) {
                    sandbox.close();
                }
                lock.close();
                throw e;
            }
        }
        Daemon daemon;
        try {
            daemon = Daemon.start(config, out, false, TimeSource.system(), lock);
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (sandbox != null) {
                sandbox.close();
            }
            throw e;
        }
        if (sandbox != null) {
            SandboxMode.autoScan(daemon, sandbox, out);
        }
        SandboxServer sandboxToStop = sandbox;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            daemon.close(); // SIGTERM/SIGINT: stop accepting, finish in-flight work, close the store
            if (sandboxToStop != null) {
                sandboxToStop.close();
            }
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }

    private static int sandbox(List<String> args, PrintStream out) throws Exception {
        CliArgs a = CliArgs.parse(args, with("port", "host", "state"), Set.of());
        int port;
        try {
            port = Integer.parseInt(a.get("port") == null ? "0" : a.get("port"));
        } catch (NumberFormatException e) {
            throw new CliArgs.UsageException("--port takes a number");
        }
        String host = a.get("host") == null ? "127.0.0.1" : a.get("host");
        SandboxServer sandbox = a.get("state") == null ? SandboxServer.create() : SandboxServer.persistent(Path.of(a.get("state")));
        sandbox.start(host, port);
        out.println("sandbox WebSocket URL:    " + sandbox.url());
        out.println("sandbox certificate root: " + sandbox.rootPublicKeyHex());
        out.println("sandbox test API:         http://" + host + ":" + sandbox.port() + "/sandbox/info (docs/sandbox.md)");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }

    private static int token(List<String> args, PrintStream out) {
        CliArgs a = CliArgs.parse(args, with("scopes"), Set.of("all"));
        if (a.positional.isEmpty()) {
            throw new CliArgs.UsageException("token needs a subcommand: create, list or revoke");
        }
        DaemonConfig config = config(a);
        try (Store store = openStore(config)) {
            TokenService tokens = new TokenService(store.tokens(), Clock.systemUTC());
            String sub = a.positional.get(0);
            switch (sub) {
                case "create" -> {
                    if (a.positional.size() != 2) {
                        throw new CliArgs.UsageException("token create NAME");
                    }
                    Set<String> scopes = Scopes.parse(a.get("scopes") == null ? String.join(",", Scopes.ALL) : a.get("scopes"));
                    TokenService.Created created = tokens.create(a.positional.get(1), scopes);
                    out.println("Created token '" + created.stored().name() + "' with scopes " + String.join(",", scopes)
                            + ". It is shown only now; the daemon keeps its SHA-256 hash:");
                    out.println(created.token());
                }
                case "list" -> {
                    List<ApiToken> list = tokens.list(a.flag("all"));
                    out.printf("%-24s %-12s %-18s %-24s %s%n", "NAME", "PREFIX", "SCOPES", "CREATED", "LAST USED");
                    for (ApiToken t : list) {
                        out.printf("%-24s %-12s %-18s %-24s %s%s%n", t.name(), t.prefix() + "…", String.join(",", t.scopes()),
                                t.createdAt(), t.lastUsedAt() == null ? "never" : t.lastUsedAt(),
                                t.active() ? "" : "  (revoked " + t.revokedAt() + ")");
                    }
                }
                case "revoke" -> {
                    if (a.positional.size() != 2) {
                        throw new CliArgs.UsageException("token revoke NAME");
                    }
                    if (!tokens.revoke(a.positional.get(1))) {
                        throw new IllegalArgumentException("no active token named '" + a.positional.get(1) + "'");
                    }
                    out.println("Revoked token '" + a.positional.get(1) + "'; the running daemon refuses it within 5 seconds.");
                }
                default -> throw new CliArgs.UsageException("unknown token subcommand '" + sub + "'");
            }
        }
        return 0;
    }

    private static int credits(List<String> args, PrintStream out) {
        CliArgs a = CliArgs.parse(args, with("note"), Set.of());
        if (a.positional.isEmpty()) {
            throw new CliArgs.UsageException("credits needs a subcommand: add or show");
        }
        DaemonConfig config = config(a);
        try (Store store = openStore(config)) {
            CreditService credits = new CreditService(store.database(), store.credits(), store.outbox(),
                    new CreditService.CreditCosts(config.costMessage(), config.costCampaign(), config.startingBalance()));
            Instant now = Instant.now();
            credits.grantStartingBalance(now);
            switch (a.positional.get(0)) {
                case "add" -> {
                    if (a.positional.size() != 2) {
                        throw new CliArgs.UsageException("credits add N");
                    }
                    long n;
                    try {
                        n = Long.parseLong(a.positional.get(1));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("credits add takes a whole number, got '" + a.positional.get(1) + "'");
                    }
                    if (n <= 0 || n > 1_000_000_000_000L) {
                        throw new IllegalArgumentException("credits add takes a positive whole number up to 10^12");
                    }
                    long available = credits.grant(n, a.get("note") == null ? "added with the CLI" : a.get("note"), now);
                    out.println("Added " + n + " credits; " + available + " available.");
                }
                case "show" -> {
                    CreditService.Summary s = credits.summary(now, config.zone());
                    out.println("balance " + s.balance() + ", reserved " + s.reserved() + ", available " + s.available()
                            + ", spent today " + s.spentToday());
                }
                default -> throw new CliArgs.UsageException("unknown credits subcommand '" + a.positional.get(0) + "'");
            }
        }
        return 0;
    }

    private static int backup(List<String> args, PrintStream out) {
        CliArgs a = CliArgs.parse(args, with(), Set.of());
        if (a.positional.size() != 1) {
            throw new CliArgs.UsageException("backup FILE");
        }
        DaemonConfig config = config(a);
        SqliteBackup.Result r = SqliteBackup.to(config.databaseFile(), Path.of(a.positional.get(0)));
        out.printf("Backed up %s to %s (%d KiB, checked with PRAGMA quick_check) in %d ms.%n", config.databaseFile(), r.file(),
                r.bytes() >> 10, r.millis());
        out.println("To restore: stop wabridge, move the database and its -wal/-shm files away, copy the backup in its place (0600),"
                + " start wabridge (README, \"Backup and restore\").");
        return 0;
    }

    private static int mcpStdio(List<String> args, PrintStream err) throws Exception {
        CliArgs a = CliArgs.parse(args, with("token", "token-file", "url"), Set.of());
        DaemonConfig config = config(a);
        String token = StdioToken.resolve(a.get("token-file"), a.get("token"), System.getenv("WABRIDGE_TOKEN"), err::println);
        if (token == null || token.isBlank()) {
            err.println("wabridge mcp-stdio: no token; set WABRIDGE_TOKEN or pass --token-file FILE (create one with: wabridge token create NAME)");
        }
        StdioBridge bridge;
        if (a.get("url") != null) {
            URI uri = URI.create(a.get("url"));
            int port = uri.getPort() > 0 ? uri.getPort() : 80;
            bridge = new StdioBridge(new InetSocketAddress(uri.getHost(), port), uri.getHost() + ":" + port, token,
                    System.in, System.out, err::println);
        } else {
            Path socket = config.unixSocket();
            if (socket == null) {
                throw new ConfigException("mcp.unix_socket is off; pass --url http://127.0.0.1:PORT/mcp");
            }
            bridge = new StdioBridge(UnixDomainSocketAddress.of(socket), "localhost", token, System.in, System.out, err::println);
        }
        bridge.run();
        return 0;
    }
}
