package dev.wabridge.sandbox;

import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.routing.Iq;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code <iq xmlns="privacy" type="get"><privacy/></iq>}: the account's privacy settings
 * (whatsmeow privacysettings.go TryFetchPrivacySettings; Baileys fetchPrivacySettings, which
 * its readMessages needs to choose the receipt type). The sandbox's accounts keep WhatsApp's
 * defaults: everything visible to everyone, read receipts on.
 */
final class ServerPrivacy {
    /** WhatsApp's default privacy categories and values. */
    static final Map<String, String> DEFAULTS = Map.of("last", "all", "online", "all", "profile", "all", "status", "all",
            "groupadd", "all", "readreceipts", "all", "calladd", "all", "messages", "all");

    private final SandboxConnection connection;

    ServerPrivacy(SandboxConnection connection) {
        this.connection = connection;
    }

    void onGet(Node iq) {
        if (!connection.requireLogin(iq)) {
            return;
        }
        List<Node> categories = new ArrayList<>();
        DEFAULTS.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> categories.add(Node.of("category", Node.attrs("name", e.getKey(), "value", e.getValue()))));
        connection.write(Iq.serverResult(iq, List.of(Node.of("privacy", Map.of(), categories))));
    }
}
