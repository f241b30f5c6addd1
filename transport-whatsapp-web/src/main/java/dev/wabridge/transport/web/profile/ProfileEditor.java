package dev.wabridge.transport.web.profile;

import dev.wabridge.transport.Profile;
import dev.wabridge.transport.ProfileUpdate;
import dev.wabridge.transport.web.services.SessionServices;
import dev.wabridge.wire.binary.Node;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The linked number's profile as others see it: the push name announced with our presence
 * (whatsmeow presence.go SendPresence carries {@code name}), the about text
 * ({@code <iq xmlns="status" type="set"><status>…}, whatsmeow user.go SetStatusMessage), the
 * business description ({@code <iq xmlns="w:biz">} {@code business_profile} edit, Baileys
 * business.ts) and the picture ({@code <iq xmlns="w:profile:picture" type="set"><picture
 * type="image">}, Baileys chats.ts updateProfilePicture). Each change completes when the
 * server confirmed it. Runs on the session's actor thread.
 */
public final class ProfileEditor {
    private final SessionServices session;
    private String name;
    private String about;
    private String businessDescription;
    private boolean hasPicture;

    public ProfileEditor(SessionServices session) {
        this.session = session;
    }

    /** What we know of our profile; {@code pushName} is the one the server gave at login. */
    public Profile current(String phone, String pushName) {
        return new Profile(phone, name != null ? name : pushName, about, businessDescription, hasPicture);
    }

    public CompletableFuture<Void> update(ProfileUpdate u) {
        CompletableFuture<?> done = CompletableFuture.completedFuture(null);
        if (u.name() != null) {
            session.send(Node.of("presence", Node.attrs("name", u.name(), "type", "available")));
            name = u.name();
        }
        if (u.about() != null) {
            done = done.thenCompose(v -> session.request("set", "status",
                    List.of(Node.of("status", Map.of(), u.about().getBytes(StandardCharsets.UTF_8)))))
                    .thenRun(() -> about = u.about());
        }
        if (u.businessDescription() != null) {
            done = done.thenCompose(v -> session.request("set", "w:biz", List.of(Node.of("business_profile",
                    Node.attrs("v", "3", "mutation_type", "delta"),
                    List.of(Node.of("description", Map.of(), u.businessDescription().getBytes(StandardCharsets.UTF_8)))))))
                    .thenRun(() -> businessDescription = u.businessDescription());
        }
        return done.thenApply(v -> null);
    }

    public CompletableFuture<Void> setPicture(byte[] jpeg) {
        return session.request("set", "w:profile:picture", List.of(Node.of("picture", Node.attrs("type", "image"), jpeg)))
                .thenRun(() -> hasPicture = true);
    }
}
