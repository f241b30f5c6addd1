package dev.wabridge.daemon.webhooks;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * The signature a receiver checks: {@code sha256=} and the hex HMAC-SHA256 of the exact body
 * under the shared secret (the scheme GitHub's and Meta's webhooks use, so receivers have code
 * for it). Compare it in constant time on the receiving side.
 */
public final class WebhookSigner {
    public static final String HEADER = "X-Wabridge-Signature";

    private WebhookSigner() {
    }

    public static String sign(byte[] secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
