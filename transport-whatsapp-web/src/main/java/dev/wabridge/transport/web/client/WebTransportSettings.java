package dev.wabridge.transport.web.client;

import dev.wabridge.transport.web.media.MediaSettings;
import dev.wabridge.transport.web.version.WaVersion;
import dev.wabridge.wire.noise.NoiseCertificates;

import java.net.URI;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

/**
 * The whatsapp-web transport's settings, parsed once from the daemon's {@code transport.*}
 * keys (the SPI passes them as strings so transport-api stays free of any one transport).
 * Tests shorten the timers; production uses WhatsApp Web's values.
 *
 * @param url               the chat socket (WhatsApp's, or the sandbox's on loopback)
 * @param origin            the Origin header of the WebSocket upgrade
 * @param rootKey           the certificate root the server's chain must lead to
 * @param deviceName        shown on the phone's list of linked devices
 * @param firstQr           how long the first QR code is shown (whatsmeow qrchan.go: 60 s)
 * @param nextQr            how long each next one is shown (20 s)
 * @param keepAliveMin      the shortest pause between pings (whatsmeow keepalive.go: 20 s; up to 1.5x)
 * @param keepAliveDeadline how long a ping may go unanswered before the socket is dropped
 * @param iqTimeout         how long any other request may go unanswered
 * @param keepAliveMaxFail  how long pings may go unanswered before the socket is dropped (whatsmeow KeepAliveMaxFailTime: 3 min)
 * @param handshakeTimeout  how long the server hello may take after the WebSocket is up (whatsmeow handshake.go: 20 s)
 * @param loginTimeout      how long {@code <success>} (or {@code <failure>}) may take after the handshake of a paired device
 * @param logoutTimeout     how long logout waits for the server to confirm the unlinking before it wipes the keys
 * @param waVersion         the WhatsApp Web version to announce unless a newer one was fetched (wa_version)
 * @param versionUrl        the web client's start page the current version is read from (version_url); null: no
 *                          updates. Defaults to WhatsApp's page when url is WhatsApp's, to none otherwise (a sandbox)
 * @param versionTimeout    how long fetching that page may take
 * @param media             downloads from the media servers (app-state snapshots): media_insecure_http (plain http,
 *                          for the sandbox on loopback; default false) and media_timeout_ms (default 60 s)
 */
public record WebTransportSettings(URI url, String origin, byte[] rootKey, String deviceName, Duration firstQr,
                                   Duration nextQr, Duration keepAliveMin, Duration keepAliveDeadline, Duration iqTimeout,
                                   Duration keepAliveMaxFail, Duration handshakeTimeout, Duration loginTimeout,
                                   Duration logoutTimeout, WaVersion waVersion, URI versionUrl, Duration versionTimeout,
                                   MediaSettings media) {
    public static final String DEFAULT_URL = "wss://web.whatsapp.com/ws/chat";
    public static final String DEFAULT_ORIGIN = "https://web.whatsapp.com";
    /** The start page whatsmeow's GetLatestVersion reads (socket.Origin). */
    public static final String DEFAULT_VERSION_URL = "https://web.whatsapp.com/";

    public WebTransportSettings {
        if (rootKey.length != 32) {
            throw new IllegalArgumentException("root_key must be a 32-byte Curve25519 public key in hex");
        }
        rootKey = rootKey.clone();
    }

    public static WebTransportSettings from(Map<String, String> s) {
        String root = s.get("root_key");
        String url = s.getOrDefault("url", DEFAULT_URL);
        String versionUrl = s.getOrDefault("version_url", url.equals(DEFAULT_URL) ? DEFAULT_VERSION_URL : "").trim();
        String waVersion = s.get("wa_version");
        return new WebTransportSettings(
                URI.create(url),
                s.getOrDefault("origin", DEFAULT_ORIGIN),
                root == null ? NoiseCertificates.WHATSAPP_ROOT : HexFormat.of().parseHex(root),
                s.getOrDefault("device_name", "wabridge"),
                millis(s, "qr_first_ms", 60_000),
                millis(s, "qr_next_ms", 20_000),
                millis(s, "keepalive_min_ms", 20_000),
                millis(s, "keepalive_deadline_ms", 10_000),
                // whatsmeow request.go defaultRequestTimeout: 75 s
                millis(s, "iq_timeout_ms", 75_000),
                millis(s, "keepalive_max_fail_ms", 180_000),
                millis(s, "handshake_timeout_ms", 20_000),
                millis(s, "login_timeout_ms", 20_000),
                millis(s, "logout_timeout_ms", 10_000),
                waVersion == null || waVersion.isBlank() ? WaVersion.COMPILED : WaVersion.parse(waVersion),
                versionUrl.isEmpty() ? null : URI.create(versionUrl),
                millis(s, "version_timeout_ms", 10_000),
                new MediaSettings(flag(s, "media_insecure_http"), millis(s, "media_timeout_ms", MediaSettings.TIMEOUT.toMillis()),
                        MediaSettings.MAX_BYTES));
    }

    @Override
    public byte[] rootKey() {
        return rootKey.clone();
    }

    private static boolean flag(Map<String, String> s, String key) {
        String v = s.getOrDefault(key, "false").trim();
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("transport setting " + key + " must be true or false, not '" + v + "'");
        }
        return v.equals("true");
    }

    private static Duration millis(Map<String, String> s, String key, long fallback) {
        String v = s.get(key);
        try {
            long ms = v == null ? fallback : Long.parseLong(v.trim());
            if (ms <= 0) {
                throw new IllegalArgumentException("transport setting " + key + " must be a positive number of milliseconds");
            }
            return Duration.ofMillis(ms);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("transport setting " + key + " must be a number of milliseconds, not '" + v + "'");
        }
    }
}
