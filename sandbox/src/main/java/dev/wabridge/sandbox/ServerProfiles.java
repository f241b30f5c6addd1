package dev.wabridge.sandbox;

import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.routing.Iq;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What each account shows of itself, as WhatsApp's servers keep it: the push name announced
 * with {@code <presence name>}, the about text ({@code xmlns="status"}), the business
 * description ({@code xmlns="w:biz"}) and the picture ({@code xmlns="w:profile:picture"}).
 * Set from any connection's event loop, read by the test API: a concurrent map of small
 * immutable records.
 */
final class ServerProfiles {
    /** One account's profile; null fields were never set. */
    record Profile(String name, String about, String businessDescription, byte[] picture) {
    }

    private final ConcurrentMap<String, Profile> byUser = new ConcurrentHashMap<>();

    Profile of(String user) {
        return byUser.getOrDefault(user, new Profile(null, null, null, null));
    }

    /** The test API's view of it. */
    Map<String, Object> describe(String user) {
        Profile p = of(user);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", p.name());
        out.put("about", p.about());
        out.put("business_description", p.businessDescription());
        out.put("picture_bytes", p.picture() == null ? 0 : p.picture().length);
        return out;
    }

    /** Handlers bound to one logged-in connection. */
    final class Handlers {
        private final SandboxConnection connection;

        Handlers(SandboxConnection connection) {
            this.connection = connection;
        }

        void onPresence(Node presence) {
            if (connection.device() != null && presence.attr("name") != null) {
                byUser.compute(user(), (u, p) -> withName(p == null ? of(u) : p, presence.attr("name")));
            }
        }

        void onStatus(Node iq) {
            if (connection.requireLogin(iq)) {
                String about = text(iq.child("status").orElse(null));
                byUser.compute(user(), (u, p) -> {
                    Profile q = p == null ? of(u) : p;
                    return new Profile(q.name(), about, q.businessDescription(), q.picture());
                });
                connection.write(Iq.serverResult(iq, List.of()));
            }
        }

        void onBusiness(Node iq) {
            if (connection.requireLogin(iq)) {
                String description = text(iq.child("business_profile").flatMap(b -> b.child("description")).orElse(null));
                byUser.compute(user(), (u, p) -> {
                    Profile q = p == null ? of(u) : p;
                    return new Profile(q.name(), q.about(), description, q.picture());
                });
                connection.write(Iq.serverResult(iq, List.of()));
            }
        }

        void onPicture(Node iq) {
            if (connection.requireLogin(iq)) {
                byte[] jpeg = iq.child("picture").map(Node::bytes).orElse(null);
                if (jpeg == null || jpeg.length == 0) {
                    connection.write(Iq.serverError(iq, 400, "bad-request"));
                    return;
                }
                byUser.compute(user(), (u, p) -> {
                    Profile q = p == null ? of(u) : p;
                    return new Profile(q.name(), q.about(), q.businessDescription(), jpeg);
                });
                connection.write(Iq.serverResult(iq, List.of(Node.of("picture", Node.attrs("id", Long.toString(System.nanoTime()))))));
            }
        }

        private String user() {
            return connection.device().jid().user();
        }
    }

    private static Profile withName(Profile p, String name) {
        return new Profile(name, p.about(), p.businessDescription(), p.picture());
    }

    private static String text(Node n) {
        return n == null || n.bytes() == null ? "" : new String(n.bytes(), StandardCharsets.UTF_8);
    }
}
