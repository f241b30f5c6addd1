package dev.wabridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test API's fault endpoints beyond drop/restart/logout (docs/sandbox.md): login
 * failures, refused messages, privacy tokens required for new chats, a minimum client version,
 * app-state blobs (external mutations, a corrupt MAC), stream errors and poison stanzas, and
 * the login count of a device. Kept apart from {@link SandboxHttpApi}, which routes here first.
 */
final class FaultApi {
    private static final Pattern DEVICE = Pattern.compile("/sandbox/devices/([^/]+)/(stream-error|poison|logins)");

    private final SandboxServer server;

    FaultApi(SandboxServer server) {
        this.server = server;
    }

    /** The answer's body, or null when {@code path} is not one of these endpoints. */
    Map<String, Object> handle(String path, boolean post, Supplier<JsonNode> body) {
        if (path.equals("/sandbox/faults/login-failure") && post) {
            JsonNode b = body.get();
            Map<String, String> attrs = new HashMap<>();
            for (Map.Entry<String, JsonNode> e : b.properties()) {
                if (!e.getKey().equals("times")) {
                    attrs.put(e.getKey(), e.getValue().asText());
                }
            }
            if (!attrs.containsKey("reason")) {
                throw new IllegalArgumentException("body must be {\"reason\": \"402\", [other failure attributes], \"times\": 1}");
            }
            int times = b.path("times").asInt(1);
            server.failLogins(attrs, times);
            return Map.of("failure", attrs, "times", times);
        }
        if (path.equals("/sandbox/faults/message-error") && post) {
            JsonNode b = body.get();
            String code = b.path("code").asText("");
            if (!code.matches("[0-9]{3}")) {
                throw new IllegalArgumentException("body must be {\"code\": \"429\", \"times\": 1}");
            }
            int times = b.path("times").asInt(1);
            server.refuseMessages(code, times);
            return Map.of("error", code, "times", times);
        }
        if (path.equals("/sandbox/faults/privacy-tokens") && post) {
            JsonNode required = body.get().path("required");
            if (!required.isBoolean()) {
                throw new IllegalArgumentException("body must be {\"required\": true|false}");
            }
            server.requirePrivacyTokens(required.asBoolean());
            return Map.of("privacy_tokens_required", required.asBoolean());
        }
        if (path.equals("/sandbox/faults/min-version") && post) {
            String v = body.get().path("version").asText(null);
            if (v != null && !v.matches("[0-9]+\\.[0-9]+\\.[0-9]+")) {
                throw new IllegalArgumentException("body must be {\"version\": \"2.3000.1045649367\"} or {\"version\": null}");
            }
            server.requireVersion(v);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("min_version", v);
            return out;
        }
        if (path.equals("/sandbox/faults/app-state-blobs") && post) {
            JsonNode b = body.get();
            if (!b.path("external_mutations").isBoolean() || !b.path("corrupt").isBoolean()) {
                throw new IllegalArgumentException("body must be {\"external_mutations\": true|false, \"corrupt\": true|false}");
            }
            server.externalAppStateMutations(b.path("external_mutations").asBoolean());
            server.corruptMediaBlobs(b.path("corrupt").asBoolean());
            return Map.of("external_mutations", b.path("external_mutations").asBoolean(), "corrupt", b.path("corrupt").asBoolean(),
                    "media_downloads", server.mediaDownloads());
        }
        if (path.equals("/sandbox/web-client") && !post) {
            // A stand-in of WhatsApp Web's start page for version updates: the revision as
            // "client_revision":N, (what whatsmeow's GetLatestVersion looks for), in JSON.
            String v = server.requiredVersion();
            if (v == null) {
                throw new IllegalArgumentException("no version set; POST /sandbox/faults/min-version first");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("client_revision", Long.parseLong(v.substring(v.lastIndexOf('.') + 1)));
            out.put("version", v);
            return out;
        }
        Matcher m = DEVICE.matcher(path);
        if (!m.matches()) {
            return null;
        }
        String jid = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
        if (m.group(2).equals("logins")) {
            return Map.of("device_jid", jid, "logins", server.loginAttempts(jid));
        }
        if (!post) {
            throw new IllegalArgumentException("use POST");
        }
        JsonNode b = body.get();
        boolean done;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("device_jid", jid);
        if (m.group(2).equals("stream-error")) {
            done = server.streamError(jid, b.path("code").asText(null), b.path("conflict").asText(null));
        } else {
            String id = server.poison(jid, b.path("kind").asText(""), b.path("size").asInt(10 << 20));
            done = id != null;
            out.put("id", id);
        }
        if (!done) {
            throw new IllegalArgumentException("no such device online: " + jid);
        }
        return out;
    }
}
