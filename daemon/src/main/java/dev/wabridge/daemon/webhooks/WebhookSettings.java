package dev.wabridge.daemon.webhooks;

import java.net.URI;
import java.time.Duration;

/**
 * Where incoming messages are POSTed and how the requests are signed: {@code webhook.url}
 * (http or https; none means no webhook) and {@code webhook.secret}, the HMAC-SHA256 key of
 * the {@code X-Wabridge-Signature} header. Attempts back off 1, 2, 4 … s up to
 * {@link #MAX_BACKOFF}; after {@code webhook.max_attempts} a delivery is given up and stays in
 * the queue with its last error.
 */
public record WebhookSettings(URI url, byte[] secret, int maxAttempts, Duration timeout) {
    public static final Duration MAX_BACKOFF = Duration.ofMinutes(30);

    public WebhookSettings {
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("webhook.url must be an http or https URL, got " + url);
        }
        if (secret.length < 16) {
            throw new IllegalArgumentException("webhook.secret must be at least 16 characters: it signs every request");
        }
        secret = secret.clone();
    }
}
