package dev.wabridge.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wabridge.daemon.auth.FirstToken;
import dev.wabridge.daemon.auth.Scopes;
import dev.wabridge.daemon.auth.StoreTokenAuthenticator;
import dev.wabridge.daemon.auth.Terminal;
import dev.wabridge.daemon.auth.TokenService;
import dev.wabridge.daemon.config.DaemonConfig;
import dev.wabridge.daemon.config.LogLevel;
import dev.wabridge.daemon.credits.CreditService;
import dev.wabridge.daemon.datadir.DataDirectory;
import dev.wabridge.daemon.datadir.DataDirectoryLock;
import dev.wabridge.daemon.health.HealthService;
import dev.wabridge.daemon.logs.IncomingWaiters;
import dev.wabridge.daemon.logs.MessageLog;
import dev.wabridge.daemon.optout.OptOutService;
import dev.wabridge.daemon.outbox.OutboxService;
import dev.wabridge.daemon.outbox.SendOutcomes;
import dev.wabridge.daemon.outbox.SendService;
import dev.wabridge.daemon.resources.MessageResources;
import dev.wabridge.daemon.scheduler.SchedulerService;
import dev.wabridge.daemon.sessions.SessionManager;
import dev.wabridge.daemon.store.Database;
import dev.wabridge.daemon.store.FilePermissions;
import dev.wabridge.daemon.store.Store;
import dev.wabridge.daemon.store.StoreException;
import dev.wabridge.daemon.store.sqlite.SqliteKeyStores;
import dev.wabridge.daemon.store.sqlite.SqliteStore;
import dev.wabridge.daemon.templates.TemplateService;
import dev.wabridge.daemon.time.TimeSource;
import dev.wabridge.daemon.tools.DaemonTools;
import dev.wabridge.daemon.tools.Services;
import dev.wabridge.daemon.tools.ToolCatalog;
import dev.wabridge.daemon.webhooks.WebhookDispatcher;
import dev.wabridge.rpc.auth.Principal;
import dev.wabridge.rpc.auth.TokenAuthenticator;
import dev.wabridge.rpc.http.McpServer;
import dev.wabridge.rpc.http.McpServerConfig;
import dev.wabridge.rpc.mcp.ServerInfo;
import dev.wabridge.rpc.tools.ToolRegistry;
import dev.wabridge.transport.TransportProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.ServiceLoader;

/** Wires the daemon: data directory, store, tokens, tools, MCP server. */
public final class Daemon implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Daemon.class);
    public static final String VERSION = Daemon.class.getPackage().getImplementationVersion() == null
            ? "0.1.0-dev" : Daemon.class.getPackage().getImplementationVersion();
    static final String INSTRUCTIONS = """
            wabridge links WhatsApp numbers (sessions) and sends, schedules and logs messages for you.
            Start with get_whatsapp_status to find session ids (integers, not phone numbers).
            Phones are E.164 with a leading + (e.g. +34600000000). Each session sends at most one
            message every 3 seconds; a send answers 'sent' once WhatsApp acknowledged it, or
            'queued' with the expected time. Check check_whatsapp_optout before campaigns;
            opted-out phones are always refused. Sends cost credits (get_credits_info).""";

    private final DataDirectoryLock lock;
    private final Store store;
    private final McpServer server;
    private final SessionManager sessions;
    private final SchedulerService scheduler;
    /** Delivers incoming messages to the configured webhook; null without one. */
    private final WebhookDispatcher webhook;

    private Daemon(DataDirectoryLock lock, Store store, McpServer server, SessionManager sessions, SchedulerService scheduler,
                   WebhookDispatcher webhook) {
        this.webhook = webhook;
        this.lock = lock;
        this.store = store;
        this.server = server;
        this.sessions = sessions;
        this.scheduler = scheduler;
    }

    public static Daemon start(DaemonConfig config, PrintStream out, boolean strictOutputSchemas) throws IOException, InterruptedException {
        return start(config, out, strictOutputSchemas, TimeSource.system());
    }

    /** The transport provider named in the configuration, if this build has it. */
    static Optional<TransportProvider> transport(String name) {
        for (TransportProvider p : ServiceLoader.load(TransportProvider.class)) {
            if (p.name().equals(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Locks the data directory, then starts; see {@link #start(DaemonConfig, PrintStream, boolean, TimeSource, DataDirectoryLock)}. */
    public static Daemon start(DaemonConfig config, PrintStream out, boolean strictOutputSchemas, TimeSource time)
            throws IOException, InterruptedException {
        return start(config, out, strictOutputSchemas, time, DataDirectoryLock.acquire(config.dataDir()));
    }

    /**
     * Starts everything on a data directory this process has locked (the daemon owns the lock
     * from here and releases it last); prints where it listens (and a first token, once) to
     * {@code out}.
     */
    public static Daemon start(DaemonConfig config, PrintStream out, boolean strictOutputSchemas, TimeSource time, DataDirectoryLock lock)
            throws IOException, InterruptedException {
        Store store;
        try {
            LogLevel.apply(config.logLevel(), System.getenv());
            store = openStore(config);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        try {
            // Before anything trusts the data: a damaged file stops the start with the way back.
            store.database().verify();
            Database db = store.database();
            Clock clock = Clock.systemUTC();
            TokenService tokens = new TokenService(store.tokens(), clock);
            TokenAuthenticator authenticator;
            if (config.authMode() == DaemonConfig.AuthMode.NONE) {
                log.warn("mcp.auth=none: every local caller gets all scopes; use this only for conformance runs");
                authenticator = TokenAuthenticator.allowAll(new Principal("anonymous", new LinkedHashSet<>(Scopes.ALL)));
            } else {
                if (!tokens.anyActive()) {
                    // Printed only to a terminal; under systemd stdout is the journal, so it goes to a 0600 file instead.
                    FirstToken.announce(tokens.create("default", new LinkedHashSet<>(Scopes.ALL)), config.dataDir(), Terminal.interactive(), out);
                }
                authenticator = new StoreTokenAuthenticator(tokens, clock);
            }
            ObjectMapper mapper = new ObjectMapper();
            CreditService credits = new CreditService(db, store.credits(), store.outbox(),
                    new CreditService.CreditCosts(config.costMessage(), config.costCampaign(), config.startingBalance()));
            credits.grantStartingBalance(time.now());
            OptOutService optouts = new OptOutService(store.optouts(), config.optoutKeywords());
            MessageLog messageLog = new MessageLog(db, store.messages(), store.contacts());
            WebhookDispatcher webhook = config.webhook()
                    .map(w -> new WebhookDispatcher(w, store.webhooks(), time, new ObjectMapper()).attach(messageLog)).orElse(null);
            OutboxService outbox = new OutboxService(db, store.outbox(), store.messages(), store.schedules(), credits, optouts);
            Optional<TransportProvider> provider = transport(config.transport());
            if (provider.isEmpty()) {
                log.warn("no WhatsApp transport named '{}' in this build: session tools will say so", config.transport());
            }
            // Senders report final sends here and tool calls wait here: neither needs the other.
            SendOutcomes outcomes = new SendOutcomes();
            SessionManager sessions = new SessionManager(store, new SqliteKeyStores(db), outbox, messageLog, optouts, provider,
                    new SessionManager.Settings(config.transport(), config.transportSettings(), config.sendInterval(), config.ackTimeout(),
                            config.rateLimitPause()),
                    time, outcomes);
            SendService send = new SendService(db, sessions, store.sessions(), outbox, credits, outcomes, time);
            SchedulerService scheduler = new SchedulerService(db, store.schedules(), outbox, optouts, sessions, credits, time,
                    new SchedulerService.Settings(config.zone(), config.missedGrace()));
            HealthService health = new HealthService(db, sessions, outbox, scheduler, credits, time, config.lowSpaceBytes());
            IncomingWaiters waiters = new IncomingWaiters();
            Services services = new Services(time, sessions, send, scheduler, new TemplateService(store.templates()), optouts, credits,
                    messageLog, health, waiters);
            ToolRegistry registry = ToolRegistry.builder()
                    .addAll(ToolCatalog.bind(ToolCatalog.specs(mapper), DaemonTools.handlers(services)))
                    .build();
            McpServerConfig serverConfig = new McpServerConfig(config.mcpHost(), config.mcpPort(), config.unixSocket(),
                    config.allowedOrigins(), config.allowedHosts(), config.maxBodyBytes(), Duration.ofMinutes(5),
                    config.sessionIdle(), 1000, Duration.ofSeconds(15), 100, strictOutputSchemas, Scopes.READ);
            McpServer server = new McpServer(serverConfig, registry, new MessageResources(sessions, messageLog, mapper, time.clock()),
                    new ServerInfo("wabridge", "wabridge WhatsApp bridge", VERSION, INSTRUCTIONS), authenticator, mapper).start();
            // The server exists only now (its tools needed the sessions); no session runs before resumeAll.
            McpChangePublisher mcp = new McpChangePublisher(server, mapper);
            sessions.onChange(mcp);
            // Waiting tool calls first (a signal only), then the MCP clients.
            sessions.onIncoming((sessionId, message) -> {
                waiters.published(sessionId, message.fromPhone());
                mcp.publish(sessionId, message);
            });
            sessions.resumeAll();
            scheduler.start();
            if (server.tcpAddress() != null) {
                out.println("wabridge MCP endpoint: " + EndpointUrl.of(server.tcpAddress(), "/mcp"));
                if (config.listensRemotely()) {
                    warnRemote(config, server, out);
                }
            }
            if (server.unixSocket() != null) {
                out.println("wabridge MCP socket:   " + server.unixSocket());
            }
            out.println("wabridge data:         " + config.dataDir());
            out.flush();
            return new Daemon(lock, store, server, sessions, scheduler, webhook);
        } catch (IOException | InterruptedException | RuntimeException e) {
            store.close();
            lock.close();
            throw e;
        }
    }

    /** mcp.allow_remote: said on stdout and in the log, every start. */
    private static void warnRemote(DaemonConfig config, McpServer server, PrintStream out) {
        String where = server.tcpAddress().getHostString() + ":" + server.tcpAddress().getPort();
        out.println("wabridge MCP remote:   listening on " + where + " for Host " + String.join(", ", config.allowedHosts())
                + " over plain HTTP; put a TLS-terminating reverse proxy in front (docs/mcp-endpoint.md)");
        log.warn("MCP endpoint listens on {} beyond this machine over plain HTTP: bearer tokens and messages cross the network"
                + " unencrypted unless a TLS-terminating reverse proxy (nginx, Caddy) is in front; see docs/mcp-endpoint.md", where);
    }

    /**
     * The store of the configured data directory, for the daemon and for CLI commands: never a
     * fresh one in place of a lost database (see {@link DataDirectory}).
     */
    public static Store openStore(DaemonConfig config) {
        try {
            FilePermissions.privateDirectory(config.dataDir());
        } catch (IOException e) {
            throw new StoreException("cannot create " + config.dataDir() + ": " + e.getMessage(), e);
        }
        DataDirectory dir = new DataDirectory(config.dataDir(), config.databaseFile(), config.unixSocket());
        dir.requireDatabaseOrFreshStart();
        Store store = SqliteStore.open(config.databaseFile());
        try {
            dir.markDatabaseCreated();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    public McpServer server() {
        return server;
    }

    /** The store the daemon runs on (tests read and write through its repositories). */
    public Store store() {
        return store;
    }

    public SessionManager sessions() {
        return sessions;
    }

    @Override
    public void close() {
        server.close();
        if (webhook != null) {
            webhook.close();
        }
        scheduler.close();
        sessions.close();
        store.close();
        lock.close(); // last: another daemon may start only once this one let go of everything
        log.info("wabridge stopped");
    }
}
