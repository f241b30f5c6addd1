package dev.wabridge.sandbox;

import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.routing.Iq;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code <iq xmlns="usync" type="get">}: who is on WhatsApp, which devices each user has, and
 * their LID (whatsmeow user.go usync / parseDeviceList; Baileys WAUSync with the devices, lid
 * and contact protocols). Users are answered in the order asked; a number without an account
 * gets {@code <contact type="out"/>} and an empty device list. A device told a list hears of
 * its changes ({@link DeviceListWatchers}). Runs on the asking connection's event loop.
 */
final class ServerUsync {
    private final SandboxServer server;
    private final SandboxConnection connection;

    ServerUsync(SandboxServer server, SandboxConnection connection) {
        this.server = server;
        this.connection = connection;
    }

    void onUsync(Node iq) {
        if (!connection.requireLogin(iq)) {
            return;
        }
        Node usync = iq.child("usync").orElse(null);
        Node query = usync == null ? null : usync.child("query").orElse(null);
        Node list = usync == null ? null : usync.child("list").orElse(null);
        if (query == null || list == null) {
            connection.write(Iq.serverError(iq, 400, "bad-request"));
            return;
        }
        server.deviceWatchers().queried(connection.device().jid().toString());
        boolean devices = query.child("devices").isPresent();
        boolean lid = query.child("lid").isPresent();
        boolean contact = query.child("contact").isPresent();
        List<Node> users = new ArrayList<>();
        for (Node user : list.children("user")) {
            users.add(answer(user, devices, lid, contact));
        }
        Map<String, Object> attrs = new LinkedHashMap<>();
        usync.attrs().forEach(attrs::put);
        List<Node> result = new ArrayList<>();
        if (devices) {
            result.add(Node.of("devices"));
        }
        if (lid) {
            result.add(Node.of("lid"));
        }
        if (contact) {
            result.add(Node.of("contact"));
        }
        connection.write(Iq.serverResult(iq, List.of(Node.of("usync", attrs, List.of(
                Node.of("result", Map.of(), result.isEmpty() ? null : result),
                Node.of("list", Map.of(), users.isEmpty() ? null : users))))));
    }

    private Node answer(Node user, boolean devices, boolean lid, boolean contact) {
        Jid jid = user.jid("jid").orElseGet(() -> phoneFrom(user));
        Account account = jid == null ? null : server.directory().accountOf(jid);
        List<Node> parts = new ArrayList<>();
        if (contact) {
            parts.add(Node.of("contact", Node.attrs("type", account == null ? "out" : "in")));
        }
        if (devices) {
            List<Node> deviceNodes = new ArrayList<>();
            if (account != null) {
                for (int id : server.directory().deviceIds(account)) {
                    deviceNodes.add(id == 0 ? Node.of("device", Node.attrs("id", "0"))
                            : Node.of("device", Node.attrs("id", Integer.toString(id), "key-index", Integer.toString(id))));
                }
            }
            List<Node> devicesChildren = new ArrayList<>();
            devicesChildren.add(Node.of("device-list", Map.of(), deviceNodes.isEmpty() ? null : deviceNodes));
            if (account != null) {
                devicesChildren.add(server.directory().keyIndexList(account));
                server.deviceWatchers().fetched(connection.device().jid().toString(), account); // told of changes from now on
            }
            parts.add(Node.of("devices", Map.of(), devicesChildren));
        }
        if (lid && account != null) {
            parts.add(Node.of("lid", Node.attrs("val", Jid.user(account.lidUser(), Jid.LID_SERVER))));
        }
        Object answered = jid == null ? user.attr("jid") : jid.toNonAd();
        Map<String, Object> attrs = answered == null ? new LinkedHashMap<>() : Node.attrs("jid", answered);
        return Node.of("user", attrs, parts.isEmpty() ? null : parts);
    }

    /** {@code <user><contact>+34…</contact></user>}: a phone number to look up. */
    private static Jid phoneFrom(Node user) {
        return user.child("contact").map(Node::bytes).map(b -> new String(b, StandardCharsets.UTF_8))
                .map(s -> s.replaceAll("[^0-9]", "")).filter(s -> !s.isEmpty()).map(Jid::phone).orElse(null);
    }
}
