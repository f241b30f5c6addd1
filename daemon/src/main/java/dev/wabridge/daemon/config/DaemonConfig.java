package dev.wabridge.daemon.config;

import dev.wabridge.daemon.webhooks.WebhookSettings;

import java.net.URI;

import java.util.Optional;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The daemon's settings: defaults, then the config file (Java properties, see
 * config/wabridge.properties), then command-line overrides. Unknown keys are refused so a
 * typo does not silently fall back to a default.
 */
public final class DaemonConfig {
    static final Set<String> KNOWN_KEYS = Set.of(
            "data_dir", "mcp.host", "mcp.allow_remote", "mcp.port", "mcp.unix_socket", "mcp.allowed_origins", "mcp.allowed_hosts",
            "mcp.max_body_bytes", "mcp.session_idle_minutes", "mcp.auth", "log.level",
            "transport", "send.interval_seconds", "send.ack_timeout_seconds", "send.rate_limit_pause_seconds", "store.low_space_mb",
            "scheduler.timezone",
            "scheduler.missed_grace_minutes", "credits.starting_balance", "credits.cost_message", "credits.cost_campaign",
            "optout.keywords", "webhook.url", "webhook.secret", "webhook.max_attempts");
    /** Settings under this prefix go to the transport as they are (e.g. transport.url). */
    static final String TRANSPORT_PREFIX = "transport.";

    private final Properties values;

    private DaemonConfig(Properties values) {
        this.values = values;
    }

    /** Loads {@code file} (may be null: defaults only) and applies {@code overrides}. */
    public static DaemonConfig load(Path file, Properties overrides) {
        Properties p = new Properties();
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("config file not found: " + file);
            }
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
            }
        }
        p.putAll(overrides);
        for (String key : p.stringPropertyNames()) {
            if (!KNOWN_KEYS.contains(key) && !key.startsWith(TRANSPORT_PREFIX)) {
                throw new ConfigException("unknown setting '" + key + "'" + (file == null ? "" : " in " + file)
                        + "; known settings: " + KNOWN_KEYS.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
        DaemonConfig config = new DaemonConfig(p);
        config.validate();
        return config;
    }

    private void validate() {
        mcpPort();
        maxBodyBytes();
        sessionIdle();
        authMode();
        logLevel();
        sendInterval();
        ackTimeout();
        rateLimitPause();
        lowSpaceBytes();
        zone();
        missedGrace();
        startingBalance();
        costMessage();
        costCampaign();
        if (authMode() == AuthMode.NONE && !isLoopback(mcpHost())) {
            throw new ConfigException("mcp.auth=none is only allowed when mcp.host is a loopback address (127.0.0.1, ::1 or localhost)");
        }
        requireRemoteOnPurpose();
    }

    /**
     * Listening beyond loopback must be asked for, and needs the names clients will use: the
     * endpoint speaks plain HTTP with bearer tokens, so it belongs behind a TLS-terminating
     * reverse proxy (docs/mcp-endpoint.md, "Reaching it from other machines").
     */
    private void requireRemoteOnPurpose() {
        if (isLoopback(mcpHost()) || mcpPort() < 0) {
            return;
        }
        if (!allowRemote()) {
            throw new ConfigException("mcp.host = " + mcpHost() + " would listen beyond this machine, over plain HTTP. Keep mcp.host ="
                    + " 127.0.0.1 and put a TLS-terminating reverse proxy in front (docs/mcp-endpoint.md, \"Reaching it from other"
                    + " machines\"); to listen there anyway, set mcp.allow_remote = true and list the names clients use in"
                    + " mcp.allowed_hosts");
        }
        if (allowedHosts().isEmpty()) {
            throw new ConfigException("mcp.allow_remote = true needs mcp.allowed_hosts: the Host names (with :port when not 80)"
                    + " that clients from other machines use, e.g. mcp.allowed_hosts = wabridge.example.com");
        }
    }

    private String get(String key, String fallback) {
        String v = values.getProperty(key);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    private int intValue(String key, int fallback, int min, int max) {
        String v = get(key, null);
        if (v == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(v);
            if (parsed < min || parsed > max) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be a whole number from " + min + " to " + max + ", got '" + v + "'");
        }
    }

    /** Where the database, the Unix socket and the sandbox state live. Created 0700. */
    public Path dataDir() {
        String configured = get("data_dir", null);
        if (configured != null) {
            return Path.of(expandHome(configured)).toAbsolutePath().normalize();
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("wabridge").toAbsolutePath().normalize();
    }

    public Path databaseFile() {
        return dataDir().resolve("wabridge.db");
    }

    public String mcpHost() {
        return get("mcp.host", "127.0.0.1");
    }

    /** Whether mcp.host may be a non-loopback address (off by default; see validate). */
    public boolean allowRemote() {
        String v = get("mcp.allow_remote", "false").toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new ConfigException("mcp.allow_remote must be true or false, got '" + v + "'");
        };
    }

    /** Whether the TCP endpoint listens beyond this machine. */
    public boolean listensRemotely() {
        return mcpPort() >= 0 && !isLoopback(mcpHost());
    }

    /** 0 picks a free port; -1 turns TCP off (Unix socket only). */
    public int mcpPort() {
        return intValue("mcp.port", 7480, -1, 65535);
    }

    /** Null when the Unix socket is turned off (mcp.unix_socket = off). */
    public Path unixSocket() {
        String v = get("mcp.unix_socket", "wabridge.sock");
        if (v.equalsIgnoreCase("off") || v.equalsIgnoreCase("none")) {
            return null;
        }
        Path p = Path.of(expandHome(v));
        return (p.isAbsolute() ? p : dataDir().resolve(p)).normalize();
    }

    public Set<String> allowedOrigins() {
        return list("mcp.allowed_origins");
    }

    public Set<String> allowedHosts() {
        return list("mcp.allowed_hosts").stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    public int maxBodyBytes() {
        return intValue("mcp.max_body_bytes", 1 << 20, 1024, 64 << 20);
    }

    public Duration sessionIdle() {
        return Duration.ofMinutes(intValue("mcp.session_idle_minutes", 60, 1, 7 * 24 * 60));
    }

    public enum AuthMode { TOKEN, NONE }

    public AuthMode authMode() {
        String v = get("mcp.auth", "token").toLowerCase(Locale.ROOT);
        return switch (v) {
            case "token" -> AuthMode.TOKEN;
            case "none" -> AuthMode.NONE;
            default -> throw new ConfigException("mcp.auth must be 'token' or 'none', got '" + v + "'");
        };
    }

    /** The root log level (trace, debug, info, warn, error); the WABRIDGE_LOG_LEVEL environment variable overrides it. */
    public String logLevel() {
        String v = get("log.level", "info").toLowerCase(Locale.ROOT);
        if (!LogLevel.NAMES.contains(v)) {
            throw new ConfigException("log.level must be one of trace, debug, info, warn, error; got '" + v + "'");
        }
        return v;
    }

    /** The transport provider's name (ServiceLoader); the real WhatsApp Web one by default. */
    public String transport() {
        return get("transport", "whatsapp-web");
    }

    public Map<String, String> transportSettings() {
        Map<String, String> m = new TreeMap<>();
        for (String key : values.stringPropertyNames()) {
            if (key.startsWith(TRANSPORT_PREFIX)) {
                m.put(key.substring(TRANSPORT_PREFIX.length()), values.getProperty(key).trim());
            }
        }
        return m;
    }

    /** Time between two sends of one session: at least 3 s (WhatsApp's pace for linked devices). */
    public Duration sendInterval() {
        return Duration.ofSeconds(intValue("send.interval_seconds", 3, 3, 3600));
    }

    public Duration ackTimeout() {
        return Duration.ofSeconds(intValue("send.ack_timeout_seconds", 30, 5, 600));
    }

    /**
     * The first pause of a session's sends after WhatsApp rate-limited it (429); it doubles
     * with each rate limit in a row, up to 30 minutes.
     */
    public Duration rateLimitPause() {
        return Duration.ofSeconds(intValue("send.rate_limit_pause_seconds", 60, 1, 1800));
    }

    /** Below this much free space on the data directory's disk, health is degraded and says so (the store will soon refuse writes). */
    public long lowSpaceBytes() {
        return (long) intValue("store.low_space_mb", 100, 1, 1_000_000_000) << 20;
    }

    /** The zone of scheduled_at values without an offset. */
    public ZoneId zone() {
        String v = get("scheduler.timezone", null);
        if (v == null) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(v);
        } catch (DateTimeException e) {
            throw new ConfigException("scheduler.timezone must be a zone id like Europe/Madrid or UTC, got '" + v + "'");
        }
    }

    public Duration missedGrace() {
        return Duration.ofMinutes(intValue("scheduler.missed_grace_minutes", 60, 0, 7 * 24 * 60));
    }

    public long startingBalance() {
        return intValue("credits.starting_balance", 100_000, 0, Integer.MAX_VALUE);
    }

    public int costMessage() {
        return intValue("credits.cost_message", 500, 0, 1_000_000);
    }

    /** The webhook for incoming messages, when {@code webhook.url} is set (then a secret is required). */
    public Optional<WebhookSettings> webhook() {
        String url = values.getProperty("webhook.url", "").trim();
        if (url.isEmpty()) {
            return Optional.empty();
        }
        String secret = values.getProperty("webhook.secret", "");
        try {
            return Optional.of(new WebhookSettings(URI.create(url), secret.getBytes(StandardCharsets.UTF_8),
                    intValue("webhook.max_attempts", 20, 1, 1000), Duration.ofSeconds(10)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    public int costCampaign() {
        return intValue("credits.cost_campaign", 1000, 0, 1_000_000);
    }

    public Set<String> optoutKeywords() {
        Set<String> k = list("optout.keywords");
        return k.isEmpty() ? Set.of("STOP", "UNSUBSCRIBE", "STOPALL", "CANCEL", "BAJA", "PARAR", "CANCELAR", "ARRET", "STOPP") : k;
    }

    private Set<String> list(String key) {
        String v = get(key, "");
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    private static String expandHome(String path) {
        return path.startsWith("~/") ? System.getProperty("user.home") + path.substring(1) : path;
    }

    static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("::1") || host.equals("[::1]") || host.equals("localhost") || host.startsWith("127.");
    }
}
