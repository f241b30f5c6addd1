package dev.wabridge.transport.web.media;

import java.time.Duration;

/**
 * How the client reaches WhatsApp's media servers (transport settings {@code media_insecure_http}
 * and {@code media_timeout_ms}).
 *
 * @param insecureHttp download over plain {@code http://} instead of {@code https://}: only for a
 *                     server on loopback (the sandbox, whose {@code media_conn} names
 *                     {@code 127.0.0.1:<port>}); WhatsApp's hosts are HTTPS only
 * @param timeout      how long connecting to a host, and then one whole download, may take
 * @param maxBytes     the largest file accepted; a bigger one is refused before or while it is
 *                     read (see {@link #MAX_BYTES})
 */
public record MediaSettings(boolean insecureHttp, Duration timeout, long maxBytes) {
    /**
     * 32 MiB: far above an app-state snapshot of a busy account (a few thousand records of a few
     * hundred bytes each), and small enough that a wrong or hostile answer cannot fill the heap.
     */
    public static final long MAX_BYTES = 32L << 20;
    /** One minute per download (whatsmeow sets no deadline of its own; ours bounds a stalled host). */
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    public static final MediaSettings DEFAULT = new MediaSettings(false, TIMEOUT, MAX_BYTES);

    public MediaSettings {
        if (timeout.isNegative() || timeout.isZero() || maxBytes <= 0) {
            throw new IllegalArgumentException("media timeout and size limit must be positive");
        }
    }

    /**
     * The URL scheme downloads from {@code host} use: plain http only when it is allowed and the
     * host is this machine (a misconfigured daemon never fetches WhatsApp's hosts unencrypted).
     */
    public String scheme(String host) {
        return insecureHttp && loopback(host) ? "http" : "https";
    }

    static boolean loopback(String host) {
        String name = host.startsWith("[") ? host.substring(1, Math.max(1, host.indexOf(']'))) : host.replaceFirst(":[0-9]+$", "");
        return name.equals("localhost") || name.equals("::1") || name.matches("127\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}");
    }
}
