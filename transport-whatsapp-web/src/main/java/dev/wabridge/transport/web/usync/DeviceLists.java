package dev.wabridge.transport.web.usync;

import dev.wabridge.transport.web.device.Addressing;
import dev.wabridge.transport.web.services.SessionServices;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.signal.store.SignalStores;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Which devices a user has, and the user's LID (whatsmeow user.go GetUserDevices / usync /
 * parseDeviceList; Baileys WAUSync with the devices and lid protocols): users in the
 * {@link DeviceCache} are answered from it, the others with one {@code <iq xmlns="usync">} for
 * all of them, whose answers are cached. Every LID learned goes into the shared phone⇄LID map.
 * Runs on the session's actor thread.
 */
public final class DeviceLists {
    /** One user's answer: the devices (phone-number JIDs with device numbers) and the LID, if any. */
    public record UserDevices(Jid user, List<Jid> devices, Optional<String> lid) {
    }

    private final SessionServices session;
    private final DeviceCache cache;
    private long sid;

    public DeviceLists(SessionServices session, DeviceCache cache) {
        this.session = session;
        this.cache = cache;
    }

    /** The device lists of {@code users} (by their non-device JIDs): cached ones as they are, the rest from one usync. */
    public CompletableFuture<Map<Jid, UserDevices>> devices(List<Jid> users) {
        Map<Jid, UserDevices> out = new LinkedHashMap<>();
        List<Jid> missing = new ArrayList<>();
        for (Jid u : users) {
            cache.get(u).ifPresentOrElse(d -> out.put(u.toNonAd(), d), () -> missing.add(u.toNonAd()));
        }
        if (missing.isEmpty()) {
            return CompletableFuture.completedFuture(out);
        }
        return query(missing).thenApply(answer -> {
            answer.values().forEach(cache::put);
            out.putAll(answer);
            return out;
        });
    }

    /** Asks the server, whatever is cached. */
    public CompletableFuture<Map<Jid, UserDevices>> query(List<Jid> users) {
        List<Node> list = new ArrayList<>();
        for (Jid u : users) {
            list.add(Node.of("user", Node.attrs("jid", u.toNonAd())));
        }
        Node usync = Node.of("usync", Node.attrs("sid", session.sessionId() + "." + (++sid), "mode", "query", "last", "true",
                "index", "0", "context", "message"), List.of(
                Node.of("query", Map.of(), List.of(Node.of("devices", Node.attrs("version", "2")), Node.of("lid"))),
                Node.of("list", Map.of(), list)));
        return session.request("get", "usync", List.of(usync)).thenApply(this::parse);
    }

    private Map<Jid, UserDevices> parse(Node answer) {
        Map<Jid, UserDevices> out = new LinkedHashMap<>();
        Map<String, String> lids = new LinkedHashMap<>();
        List<Node> users = answer.child("usync").flatMap(u -> u.child("list")).map(l -> l.children("user")).orElse(List.of());
        for (Node user : users) {
            Optional<Jid> jid = safeJid(user);
            if (jid.isEmpty()) {
                continue;
            }
            Jid u = jid.get().toNonAd();
            List<Jid> devices = new ArrayList<>();
            user.child("devices").flatMap(d -> d.child("device-list")).ifPresent(dl -> dl.children("device").forEach(d -> {
                try {
                    devices.add(u.withDevice(Integer.parseInt(d.attr("id"))));
                } catch (NumberFormatException e) {
                    // a device without a usable id cannot be addressed; skip it
                }
            }));
            Optional<String> lid = user.child("lid").map(l -> l.attr("val")).map(v -> Jid.parse(v).user());
            lid.filter(l -> Jid.USER_SERVER.equals(u.server())).ifPresent(l -> lids.put(u.user(), l));
            out.put(u, new UserDevices(u, devices, lid));
        }
        if (!lids.isEmpty()) {
            SignalStores stores = new SignalStores(session.keys());
            lids.forEach((phone, lid) -> Addressing.learn(stores, phone, lid));
        }
        return out;
    }

    private static Optional<Jid> safeJid(Node user) {
        try {
            return user.jid("jid");
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
